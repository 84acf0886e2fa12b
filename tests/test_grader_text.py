"""Answer text normalisation: what the offline grader reads, and where evidence points."""

from interviewer.grading.text_normalise import MAX_GRADED_CHARS, normalise, phrase_stems, sanitise


def words(text: str) -> list[str]:
    return [t.norm for t in normalise(text).tokens]


def test_identifiers_read_as_words():
    assert words("x.requires_grad = True; loss.backward()") == [
        "x", "requires", "grad", "true", "loss", "backward"]
    assert phrase_stems("requires_grad") == phrase_stems("requires grad")
    assert phrase_stems(".backward()") == phrase_stems("backward")


def test_inflections_share_a_stem():
    assert phrase_stems("computes gradients") == phrase_stems("computing gradient")
    assert phrase_stems("batches") == phrase_stems("batch")


def test_token_offsets_point_into_the_original_text():
    answer = "Autograd \x1b[1mrecords\x1b[0m the ＧＲＡＰＨ 🙂 for tensors"
    text = normalise(answer)
    for token in text.tokens:
        assert len(answer[token.start:token.end]) == token.end - token.start
    graph = next(t for t in text.tokens if t.norm == "graph")
    assert answer[graph.start:graph.end] == "ＧＲＡＰＨ"  # full-width letters fold to ASCII
    records = next(t for t in text.tokens if t.norm == "records")
    assert answer[records.start:records.end] == "records"


def test_escapes_and_control_characters_become_spaces_of_the_same_length():
    raw = "a\x1b[31mred\x1b[0m\x00b\x07\x1b]8;;http://x\x07link"
    clean = sanitise(raw)
    assert len(clean) == len(raw)
    assert "\x1b" not in clean and "\x00" not in clean and "\x07" not in clean
    assert words(raw) == ["a", "red", "b", "link"]


def test_rich_markup_is_not_read_as_words():
    assert words("[bold red]backward[/] and [link=https://x.y]chain rule[/link]") == [
        "backward", "and", "chain", "rule"]


def test_other_scripts_and_emoji_are_kept_or_skipped_without_error():
    assert words("自动求导 🙂 café") == ["自动求导", "café"]


def test_zero_width_characters_inside_a_word_do_not_split_it():
    assert words("ig\u200bnore grad\u00adient") == ["ignore", "gradient"]


def test_negation_cannot_reach_across_a_clause_or_sentence():
    text = normalise("It is not slow, it computes gradients. No. Backward works")
    clauses = {t.norm: t.clause for t in text.tokens}
    assert clauses["not"] != clauses["computes"]
    sentences = {t.norm: t.sentence for t in text.tokens}
    assert sentences["no"] != sentences["backward"]


def test_huge_text_is_cut_to_the_graded_window_and_flagged():
    text = normalise("gradient " * 200_000)
    assert text.truncated
    assert text.original_length == 1_800_000
    assert len(text.text) == MAX_GRADED_CHARS
    assert not normalise("short answer").truncated
