"""Where a report's comments stand, so that a rewrite puts them back."""

from __future__ import annotations

from igf_report.tomlcomments import find_comments


def test_comments_above_quoted_keys_belong_to_the_keys_they_name() -> None:
    text = (
        "# the title\n"
        '"title" = "T"\n'
        "# the date\n"
        "'date' = 2016-12-07\n"
        "# the organiser\n"
        '"orga\\u006eizer" = "ISOC"\n'
        "# one letter\n"
        "a = 1\n"
    )
    assert find_comments(text).above == {
        "title": ["# the title"],
        "date": ["# the date"],
        "organizer": ["# the organiser"],
        "a": ["# one letter"],
    }


def test_a_comment_after_a_value_is_kept_without_its_trailing_blanks() -> None:
    text = 'title = "T"   # said at the session   \n'
    assert find_comments(text).above == {"title": ["# said at the session"]}


def test_a_hash_inside_a_multi_line_literal_string_is_no_comment() -> None:
    text = "discussions = ['''\n# not a comment\n''']\n# the way forward\nway_forward = []\n"
    assert find_comments(text).above == {"way_forward": ["# the way forward"]}


def test_a_key_with_capitals_opens_no_string() -> None:
    text = 'Xmas = 1\n# the title\ntitle = "T"\n'
    assert find_comments(text).above == {"title": ["# the title"]}
