from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    # A machine interface: no language prefix.
    path("api/oruk/", include("coaction.finder.api_urls")),
]

# Every page's language lives in its URL (/ur/...), never in a cookie: see ADR 0004.
urlpatterns += i18n_patterns(
    path("", include("coaction.core.urls")),
    path("accounts/", include("coaction.accounts.urls")),
    path("organisations/", include("coaction.organisations.urls")),
    path("find/", include("coaction.finder.urls")),
    prefix_default_language=False,
)

handler403 = "coaction.core.views.error_403"
handler404 = "coaction.core.views.error_404"
handler500 = "coaction.core.views.error_500"
