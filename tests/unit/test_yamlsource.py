import pytest

from explainer.content.yamlsource import YamlError, load_yaml, split_front_matter


def test_lines_of_keys_and_items():
    data = load_yaml("name: A\nroles:\n  - title: T\n  - title: U\nsummary: |\n  text\n")
    assert data.line_of("name") == 1
    assert data.line_of("roles") == 2
    assert data["roles"].item_lines == [3, 4]
    assert data.value_line_of("summary") == 6


def test_first_line_offset_for_front_matter():
    data = load_yaml("title: A\ndate: 2025", first_line=2)
    assert data.line_of("date") == 3


def test_aliases_are_refused():
    bomb = 'a: &a ["x", "x"]\nb: &b [*a, *a]\nc: [*b, *b]\n'
    with pytest.raises(YamlError) as info:
        load_yaml(bomb)
    assert info.value.problem.message == "YAML anchors and aliases (&name, *name) are not supported"


def test_duplicate_keys_are_refused():
    with pytest.raises(YamlError) as info:
        load_yaml("name: A\nname: B\n")
    assert (info.value.problem.line, info.value.problem.message) == (2, "duplicate key 'name' (first at line 1)")


def test_front_matter_split():
    split = split_front_matter("---\ntitle: A\n---\nBody\n")
    assert (split.front_matter, split.body, split.body_line) == ("title: A", "Body\n", 4)


def test_plain_scalars_follow_the_yaml_1_2_core_schema():
    data = load_yaml("a: true\nb: No\nc: 2023\nd: 2025-02-03\ne: '2023'\nf: 2025-13-01\ng: 1.5\nh:\n")
    import datetime

    assert data == {
        "a": True, "b": "No", "c": 2023, "d": datetime.date(2025, 2, 3), "e": "2023",
        "f": "2025-13-01", "g": 1.5, "h": None,
    }
