"""Query vocabulary for the entities stories are about."""

from django.db import models


class EntityQuerySet(models.QuerySet):
    def for_linking(self):
        """Only the columns the entity linker reads."""
        return self.only("pk", "name", "aliases", *self.model.LINKING_FIELDS)
