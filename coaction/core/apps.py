from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "coaction.core"
    label = "core"
