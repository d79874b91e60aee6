"""Where a report's comments stand, so that a rewrite puts them back."""

from __future__ import annotations

from igf_report.files.tomlcomments import find_comments


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


def test_a_hash_in_a_string_is_no_comment_whatever_the_string() -> None:
    text = (
        'a = "" # after an empty string\n'
        'b = "say \\" # not a comment" # after an escaped quote\n'
        "c = 'C:\\' # after a literal string, whose backslash escapes nothing\n"
        'd = """x \\""" # not a comment\n""" # after a multi-line string\n'
        'e = """x"""\n'
        "# above f\n"
        'f = """x""""# after a multi-line string ending in a quote\n'
        'g = """x""""" # after one ending in two\n'
    )
    assert find_comments(text).above == {
        "a": ["# after an empty string"],
        "b": ["# after an escaped quote"],
        "c": ["# after a literal string, whose backslash escapes nothing"],
        "d": ["# after a multi-line string"],
        "f": ["# above f", "# after a multi-line string ending in a quote"],
        "g": ["# after one ending in two"],
    }


def test_a_comment_inside_a_value_over_many_lines_goes_with_its_key() -> None:
    text = (
        "# above a\n"
        "a = [[1],\n"
        "  # in a, after a nested list\n"
        "  [2, [3]], { X = 4 },\n"
        "  # in a, after an inline table\n"
        "]\n"
        "# above b\n"
        "b = [\n"
        "  # in b\n"
        "]\n"
    )
    assert find_comments(text).above == {
        "a": ["# above a", "# in a, after a nested list", "# in a, after an inline table"],
        "b": ["# above b", "# in b"],
    }


def test_blocks_apart_above_one_key_stay_apart() -> None:
    text = "a = 1\n\n\n# above b\n\n\n# also above b\nb = 2 # after b\n"
    assert find_comments(text).above == {"b": ["# above b", "", "", "# also above b", "# after b"]}


def test_a_comment_above_a_table_header_belongs_to_the_table() -> None:
    text = '# the chair\n[chair]\n# the name\nname = "Ana"\n# the time\n[time]\nstart = 09:00:00\n'
    assert find_comments(text).above == {
        "chair": ["# the chair", "", "# the name"],
        "time": ["# the time"],
    }


def test_comments_of_a_broken_document_stay_where_they_were() -> None:
    # the wizard keeps a file's comments even when a line of it does not parse
    text = (
        'title = "unclosed # in the title\n'
        "date = 1 # after the date\n"
        "time = 'unclosed\n"
        "# above the organizer\n"
        "= no key # after the broken line\n"
        "organizer = 2\n"
        # five quotes close (two of them the text's), the sixth opens a string
        'way_forward = """x"""""" # in a string"\n'
    )
    assert find_comments(text).above == {
        "date": ["# after the date"],
        "time": ["# above the organizer", "# after the broken line"],
    }
