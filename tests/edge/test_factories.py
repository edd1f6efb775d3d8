import factory
import pytest

from tests import factories

MODEL_FACTORIES = [
    cls
    for cls in vars(factories).values()
    if isinstance(cls, type)
    and issubclass(cls, factory.django.DjangoModelFactory)
    and cls is not factory.django.DjangoModelFactory
]


@pytest.mark.django_db
@pytest.mark.parametrize("model_factory", MODEL_FACTORIES, ids=lambda f: f.__name__)
def test_every_factory_saves_a_valid_row(model_factory):
    row = model_factory()
    row.refresh_from_db()
    assert row.pk is not None
