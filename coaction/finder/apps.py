from django.apps import AppConfig


class FinderConfig(AppConfig):
    name = "coaction.finder"
    label = "finder"
