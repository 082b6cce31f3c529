from django.contrib.admin.apps import AdminConfig


class HubAdminConfig(AdminConfig):
    default_site = "coaction.core.admin_site.HubAdminSite"
