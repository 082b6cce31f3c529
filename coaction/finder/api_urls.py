"""The ORUK API, mounted at /api/oruk/ outside the language prefixes: a machine interface has
no language of its own. Paths follow HSDS 3's openapi.json, with or without a trailing slash."""

from django.urls import path, re_path

from coaction.finder import api

app_name = "oruk_api"

urlpatterns = [
    path("", api.index, name="index"),
    re_path(r"^services/?$", api.services, name="services"),
    re_path(r"^services/(?P<service_id>[^/]+)/?$", api.service, name="service"),
    re_path(r"^service_at_locations/?$", api.service_at_locations, name="service_at_locations"),
    re_path(
        r"^service_at_locations/(?P<link_id>[^/]+)/?$",
        api.service_at_location,
        name="service_at_location",
    ),
    re_path(r"^organizations/?$", api.organizations, name="organizations"),
    re_path(r"^organizations/(?P<organisation_id>[^/]+)/?$", api.organization, name="organization"),
    re_path(r"^taxonomies/?$", api.taxonomies, name="taxonomies"),
    re_path(r"^taxonomies/(?P<taxonomy_id>[^/]+)/?$", api.taxonomy, name="taxonomy"),
    re_path(r"^taxonomy_terms/?$", api.taxonomy_terms, name="taxonomy_terms"),
    re_path(r"^taxonomy_terms/(?P<term_id>[^/]+)/?$", api.taxonomy_term, name="taxonomy_term"),
]
