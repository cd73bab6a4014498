from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "People, parties and places"

    def ready(self):
        from newsroom import clean_text

        clean_text.connect(self.get_models())
