from django.urls import include, path

from coaction.finder import views

app_name = "finder"

# Public pages. Every path under find/ except manage/ is answered without cookies, without
# a session and without logging (coaction/finder/middleware.py).
urlpatterns = [
    path("", views.search, name="search"),
    path("questions/", views.questions, name="questions"),
    path("results/", views.results, name="results"),
    path("services/<str:service_id>/", views.service, name="service"),
    path("browsing-safely/", views.browsing_safely, name="browsing_safely"),
]

# --- Signed-in pages (managing services, vacancies, provision gaps) ------------------------------
# They need the session and CSRF cookies, so they live under manage/, the one prefix the
# public-page middleware leaves alone. Their names join the "finder" namespace.
urlpatterns += [path("manage/", include("coaction.finder.manage_urls"))]

# Anything else under find/: a not-found page that keeps Exit this page. Keep it last.
urlpatterns += [path("<path:rest>", views.not_found, name="not_found")]
