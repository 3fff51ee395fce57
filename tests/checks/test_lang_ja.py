"""Japanese: whole cards as an Amazon.co.jp seller prints them, the Sudachi-based tokens and
norms the pack matches on, full-width text, and script-based detection."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from checks.engine import prepare
from checks.findings import Category, Severity
from checks.langid import LanguageGuesser
from checks.nlp import get_pipeline
from checks.rules import load_rules

ROOT = Path(__file__).resolve().parents[2]

VIOLATING_CARD = """【ご購入者様限定キャンペーン】
この度はお買い上げいただき、誠にありがとうございます。

★５レビューを書いていただいた方全員に、Ａｍａｚｏｎギフト券５００円分をプレゼント！
レビュー投稿後、スクリーンショットをメールでお送りください。
万が一ご不満な点がございましたら、評価をつける前に当店までご連絡ください。

公式オンラインショップなら、替えパッドがさらにお得にお買い求めいただけます。
"""

CLEAN_CARD = """【ご購入ありがとうございます】
この度は数ある商品の中から当店の商品をお選びいただき、誠にありがとうございます。

【保証について】
お届け日から1年間、製造上の不具合について無償で修理・交換いたします。保証のためのご登録は不要です。
Amazonの注文確認メールを購入証明として大切に保管してください。

【お問い合わせ】
万が一、破損・部品の不足などがございましたら、Amazonの注文履歴から「出品者に連絡」を選び、メッセージにてお知らせください。
プレゼントにも最適な専用ギフトボックス入りです。星柄のプリント部分は強くこすらないでください。
お時間のある際に、良い点も悪い点も含めて、率直なレビューをAmazonにお寄せいただけますと幸いです。
レビューへの謝礼などは一切ございません。

販売元：株式会社ミズノヤ
〒100-0001 東京都千代田区見本町1-2-3
"""


def _categories(findings, severity=None):
    return {f.category for f in findings if severity is None or f.severity is severity}


def test_typical_violating_card_gets_the_right_categories(checker):
    """A Japanese review-for-gift card is no longer 'not checked': each violation is named."""
    fs = checker.check(VIOLATING_CARD)
    assert not [f for f in fs if f.rule == "CW000"]
    errors = _categories(fs, Severity.ERROR)
    assert {Category.REVIEW_INCENTIVE, Category.REVIEW_POSITIVE, Category.REVIEW_GATING,
            Category.OFFSITE_DIVERSION} <= errors


def test_full_width_gift_card_offer_is_found_at_its_original_offsets(checker):
    """ＡＭＡＺＯＮギフト券 in full-width letters is matched, and the finding points at the
    original (full-width) characters."""
    text = "レビューを書いてくれた方にＡＭＡＺＯＮギフト券を差し上げます。"
    fs = [f for f in checker.check(text) if f.category is Category.REVIEW_INCENTIVE]
    assert fs and "ＡＭＡＺＯＮギフト券" in fs[0].text
    assert text[fs[0].start:fs[0].end] == fs[0].text


@pytest.mark.parametrize("text", [
    "カーシートカバー　保証書\n保証期間：ご購入日から１年\nお客様控え\n型番：＿＿＿＿＿＿＿＿\n車種：＿＿＿＿＿＿＿＿\n"
    "不具合のときは、Amazonのメッセージでご連絡ください。",
    "Seat cover warranty\nModel: ________\nCar: ________\nDate of purchase: ________\n"
    "For any problem, message us through Amazon.",
])
def test_blank_lines_of_a_warranty_stub_are_not_promotion(checker, text):
    """A stub's blank lines to fill in (型番：＿＿, 車種：＿＿) are the card's form: the trained
    model once read them as promotion (CW990) on a clean warranty card."""
    fs = checker.check(text)
    assert not [f for f in fs if f.category is Category.MARKETING], [(f.rule, f.text) for f in fs]


def test_typical_clean_after_sales_card_stays_clean(checker):
    """Warranty terms, after-sales through Amazon, a neutral review request, 'プレゼントにも最適'
    and a seller address block give no error."""
    fs = checker.check(CLEAN_CARD)
    assert not [f for f in fs if f.severity is Severity.ERROR], [(f.rule, f.text) for f in fs]
    assert not [f for f in fs if f.rule == "CW000"]  # the address line is not taken for Chinese


@pytest.mark.parametrize("text", [
    "★５のレビューをお願いいたします。",                  # polite
    "星5つけてね！",                                      # casual
    "高評価をいただけますと幸いです。",                    # humble request
    "ぜひ五つ星の評価をお願いします。",                    # kanji numeral
])
def test_five_star_requests_at_every_politeness_level(checker, text):
    """Asking for five stars is review-positive whether written です/ます, casual or humble."""
    assert Category.REVIEW_POSITIVE in _categories(checker.check(text), Severity.ERROR)


def test_inflected_verbs_match_by_dictionary_form():
    """Pack words are Sudachi dictionary forms: 書く covers 書いて, くださる covers ください, and
    くれる stays くれる (not Sudachi's normalised 呉れる)."""
    pipe = get_pipeline("ja")
    doc = pipe.nlp.make_doc("レビューを書いてくれたら、連絡ください")
    norms = dict(zip((t.text for t in doc), pipe.doc_facts(doc)[0]))
    assert {t.text: t.lemma_ for t in doc}["くれ"] == "くれる"  # spaCy's lemma_ is the dictionary form
    assert norms["書い"] == pipe.norm("書く") == "書く"
    assert norms["くれ"] == pipe.norm("くれる") == "くれる"
    assert norms["ください"] == pipe.norm("ください") == "くださる"


def _example_lines() -> list[str]:
    """The Japanese rule examples (matching and not) and the cards above, line by line."""
    rs = load_rules()
    texts = [e.text for r in rs.rules if "ja" in r.localized for e in r.localized["ja"].examples]
    texts += [e.text for r in rs.rules if r.lang == "ja" for e in r.examples]
    texts += [VIOLATING_CARD, CLEAN_CARD]
    return [line for t in texts for line in prepare(t).split("\n") if line.strip()]


@pytest.mark.parametrize("extra", [
    "",                                                          # the examples as they are
    "モーニング娘。が好きです。ありがとう！？本当に。」と言った。",  # a name ending in 。, marks in a row
    "「ありがとう。」次へ。星5レビュー。ギフト券プレゼント！！LINE追加？",
    "Amazon.co.jpで購入。www.example.co.jp。OK。。。",
    # read alone, the second sentence would start や|けど (a particle and a clause opening)
    "・皮膚や甘皮にビットを長く接触させないでください。やけど・けがのおそれがあります。",
])
def test_a_line_read_sentence_by_sentence_is_segmented_as_read_whole(extra):
    """Typing at the end of a long Japanese line tokenises its last sentence again, not the
    line (SudachiTokenizer.words): every line, and the examples joined into long lines,
    gets the words, norms and clause openings of reading the whole line at once."""
    pipe = get_pipeline("ja")
    tok = pipe.words.__self__
    lines = _example_lines() if not extra else [extra]
    if not extra:
        lines += ["".join(lines[i:i + 6]) for i in range(0, len(lines), 6)]   # long lines of sentences
        assert len(lines) > 300
    for line in lines:
        words, _lemmas, norms, breaks = tok.split(line)
        assert tok.words(line) == (words, norms, breaks)
        assert tok.words(line) == (words, norms, breaks)   # remembered, the same


def test_every_plain_word_of_the_pack_is_one_sudachi_token():
    """A listed word that Sudachi splits into several tokens could never match one token slot:
    such words must be written as a regex (ギフト券) instead."""
    pipe = get_pipeline("ja")
    data = yaml.safe_load((ROOT / "resources/rules/ja/concepts.yaml").read_text(encoding="utf-8"))
    words: set[str] = set()
    for values in (data.get("lexicons") or {}).values():
        words |= {str(v) for v in values}
    for pats in (data.get("concepts") or {}).values():
        for p in pats:
            if isinstance(p, str):
                for slot in p.split():
                    body = slot.lstrip("!=").rstrip("?+")
                    if body in ("*", "#", "$") or body.startswith(("~", "@")):
                        continue
                    words |= {w.lstrip("=") for w in body.split("|") if w and not w.startswith("@")}
    split = [w for w in sorted(words)
             if len([t for t in pipe.nlp.make_doc(w) if not t.is_space]) != 1]
    assert not split, f"pack words Sudachi splits into several tokens: {split}"


def test_prepare_folds_full_width_and_keeps_the_length():
    """prepare() maps full-width letters, digits and punctuation to ASCII one character at a
    time, so every offset into the original text stays exact."""
    text = "ＡＭＡＺＯＮで★５！　ｶﾞ㈱…"
    out = prepare(text)
    assert len(out) == len(text)
    assert out.startswith("AMAZONで★5! ")
    assert out.endswith("㈱…")  # NFKC would give several characters: kept as written


def test_sentences_end_at_japanese_marks_and_line_breaks(checker):
    """A gift in one sentence (after 。) does not pair with a review word in the next for the
    same-sentence rule CW101."""
    text = "レビューはいつでも歓迎です。替えパッドを無料でお送りします！"
    assert not [f for f in checker.check_raw(text) if f.rule == "CW101"]


def test_a_marketplace_name_with_its_exclamation_mark_stays_in_its_sentence(checker):
    """Sudachi's small dictionary cuts 'Yahoo!ショッピング' into Yahoo / ! / ショッピング: that
    '!' is part of the name, not a sentence end, so the other shop is still named in the
    sentence that says the product is sold there (CW704, as with the core dictionary)."""
    text = "当店の商品は、楽天市場・Yahoo!ショッピングでもお買い求めいただけます。"
    assert {f.rule for f in checker.check_raw(text)} == {"CW704"}
    # an exclamation mark after Japanese text still ends the sentence
    assert not [f for f in checker.check_raw("レビューはいつでも歓迎です!替えパッドを無料でお送りします。")
                if f.rule == "CW101"]


@pytest.fixture(scope="module")
def guesser():
    return LanguageGuesser(load_rules().languages)


@pytest.mark.parametrize("text", [
    "Amazon.co.jpで購入",                       # mostly Latin, one particle
    "LINE友だち追加はこちら https://lin.ee/abc",  # URL and brand name
    "全品送料無料の特別企画",                     # kanji with a single kana
    "〒100-0001 東京都千代田区見本町1-2-3",       # address: kanji only, Japanese forms
    "ＡＭＡＺＯＮギフト券",                       # full-width Latin
])
def test_mixed_and_kanji_heavy_lines_stay_japanese(guesser, text):
    assert guesser.guess(text) == "ja"


@pytest.mark.parametrize("text", [
    "感谢您的购买，如有问题请通过亚马逊联系我们。",  # Simplified Chinese
    "高品质不锈钢保温杯",
])
def test_chinese_is_not_taken_for_japanese(guesser, text):
    assert guesser.guess(text) == "zh"


def test_english_check_never_imports_sudachi():
    """An English card must not pay for the Japanese dictionary (70 MB): sudachipy is imported
    only when a Japanese paragraph is checked."""
    code = ("import sys; from checks import Checker; c = Checker(); c.warm(['en']); "
            "c.check('Thank you for your order! Leave a review on Amazon.'); "
            "assert 'sudachipy' not in sys.modules, 'sudachipy imported'; "
            "c.check('ご購入ありがとうございます。'); assert 'sudachipy' in sys.modules; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


def test_negation_covers_its_clause_but_not_the_next(checker):
    """Japanese negates at the end (…ことは一切ございません): the cue cancels the gift in its
    own clause, but not across the conjunctive が that opens the next one."""
    none = "レビューを書いてくださった方にギフト券をお渡しすることは一切ございません。"
    assert not [f for f in checker.check_raw(none) if f.rule == "CW101"]
    but = "返品は受け付けておりませんが、レビューを書いてくださった方にギフト券をプレゼントします。"
    assert [f for f in checker.check_raw(but) if f.rule == "CW101"]


def test_full_width_email_address_is_found(checker):
    """Contact detectors read the folded text: ｓｕｐｐｏｒｔ＠ｌｕｍｉ．ｅｘａｍｐｌｅ．ｃｏｍ is an
    e-mail address, reported at its full-width characters."""
    text = "メール：ｓｕｐｐｏｒｔ＠ｌｕｍｉ．ｅｘａｍｐｌｅ．ｃｏｍ"
    fs = [f for f in checker.check(text) if f.rule == "CW501"]
    assert fs and fs[0].text == "ｓｕｐｐｏｒｔ＠ｌｕｍｉ．ｅｘａｍｐｌｅ．ｃｏｍ"


@pytest.mark.parametrize("text,category", [
    ("レビューを書いていただければ、商品代金が実質無料になります！", Category.REVIEW_INCENTIVE),
    ("レビュー特典：投稿者全員にAmazonポイント300pt", Category.REVIEW_INCENTIVE),
    ("レビューの内容は一切問わず、全員にAmazonギフト券をプレゼントします。", Category.REVIEW_INCENTIVE),
    ("口コミを投稿してくれたら、次の注文を半額にするよ！", Category.REVIEW_INCENTIVE),
    ("星をたくさんつけてもらえると嬉しいです！", Category.REVIEW_POSITIVE),
    ("満足されたら、ぜひAmazonで口コミを書いてくださいね。", Category.REVIEW_POSITIVE),
    ("低評価がつくと販売を続けることが難しくなります。", Category.REVIEW_POSITIVE),
    ("まずはご相談ください。評価はそのあとでお願いします。", Category.REVIEW_GATING),
    ("星1や星2をつける前に、ぜひ当店にご相談ください。", Category.REVIEW_GATING),
    ("解決しましたら、レビューを取り下げていただけますか。", Category.REVIEW_REMOVAL),
    ("Amazonを通さずに直接お取引いただくと、さらにお安くなります。", Category.OFFSITE_DIVERSION),
    ("当店の楽天ショップでは、ポイント10倍キャンペーン中です！", Category.OFFSITE_DIVERSION),
    ("延長保証をご希望の方は、下記URLからユーザー登録してください。www.example.jp/warranty", Category.DATA_COLLECTION),
])
def test_paraphrases_are_caught(checker, text, category):
    """Wording not taken from the rule examples: each paraphrase is an error of its category."""
    assert category in _categories(checker.check(text), Severity.ERROR)


@pytest.mark.parametrize("text", [
    "ギフトラッピングをご希望の方は、ご注文時に選択してください。",
    "本製品は第三者機関の評価試験に合格しています。",
    "初期不良の場合は、レビューの有無にかかわらず、すぐに交換いたします。Amazonの注文履歴から出品者にご連絡ください。",
    "ご満足いただけなかった場合は、お届けから30日以内であればAmazonの返品手続きから返品いただけます。",
    "毎日のお手入れで、星のような輝きが長持ちします。無料のお手入れガイドを同封しています。",
    "替えパッドはAmazonで「ルミボックス 替えパッド」と検索してお求めください。",
    "お客様からいただいたレビューは、すべてスタッフ全員で拝見しております。いつも温かいお言葉をありがとうございます。",
    "ご意見・ご感想は今後の商品開発の参考にさせていただきますので、よろしければAmazonのレビュー欄にお寄せください。",
    "初回限定特典として、専用の収納袋をお付けしています。ぜひご活用ください。",
    "この商品の評価は、使う人によって分かれるかもしれません。気になる点があれば、Amazonの「出品者に連絡」からお気軽にご質問ください。",
])
def test_lookalikes_stay_clean(checker, text):
    """Care, warranty, Amazon after-sales and neutral review wording share words with the
    rules (評価, 星, 無料, 特典, レビュー) and get no error."""
    assert not [f for f in checker.check(text) if f.severity is Severity.ERROR]


def test_japanese_checks_run_in_parallel_threads():
    """The designer's worker thread and the batch pool check Japanese text concurrently: one
    Sudachi tokenizer refuses concurrent use, so each thread gets its own."""
    import threading

    pipe = get_pipeline("ja")
    errors: list[str] = []

    def work(k: int) -> None:
        try:
            for i in range(40):
                doc = pipe.nlp.make_doc(f"レビューを書いてくださった方{k}-{i}にギフト券をプレゼント")
                assert doc.text.endswith("プレゼント")
        except Exception as exc:  # collected and asserted below
            errors.append(repr(exc))

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[:2]


def test_good_or_bad_alike_is_not_positive_steering(checker):
    """'良い評価・悪い評価を問わず' asks for any rating: the gift is an incentive, but no
    review-positive finding for the word 良い評価."""
    fs = checker.check("良い評価・悪い評価を問わず、レビューを書いてくださった方にギフト券を差し上げます。")
    cats = _categories(fs, Severity.ERROR)
    assert Category.REVIEW_INCENTIVE in cats and Category.REVIEW_POSITIVE not in cats


def test_permission_to_update_seller_feedback_is_clean(checker):
    """〜ても構いません leaves the choice to the buyer: no removal request."""
    text = "交換品がお手元に届きました。ご満足いただけましたら、出品者評価を見直していただいても構いません。"
    assert not [f for f in checker.check(text, lang="ja") if f.category.value == "review-removal"]


def test_post_taken_down_for_a_refund_and_gifts_to_posters(checker):
    deal = "星1つのご投稿を削除していただけましたら、お支払い額をそのままご返金いたします。"
    cats = {f.category.value for f in checker.check(deal, lang="ja") if f.severity.value == "error"}
    assert {"review-removal", "review-incentive"} <= cats
    gift = "感想を投稿していただいた皆様に、替えブラシをお届けします。"
    assert "review-incentive" in {f.category.value for f in checker.check(gift, lang="ja")}


# Batch 37's kinds of misses, in new words: a draw or scratch-off after the review (CW102), the
# top mark with a casual ask (〜てあげて), a service only the own store has, a code called just
# "QR"; and the nearest safe wording (当たり in another sense, the seller's own LINE id, QR payment).
@pytest.mark.parametrize("text, category", [
    ("口コミを投稿したら、カードの銀色の部分をこすってね。当たりの方には替えのフタをお送りします。", Category.REVIEW_INCENTIVE),
    ("楽しく使えたら、レビューで星５つにしてあげてね！", Category.REVIEW_POSITIVE),
    ("お手入れキットの定期お届けは、公式サイトのみのサービスです。", Category.OFFSITE_DIVERSION),
    ("ＱＲ①　ソースの作り方\nＱＲ②　お手入れのコツ", Category.EXTERNAL_LINK),
])
def test_b37_kinds_match(checker, text, category):
    assert category in _categories(checker.check(text, lang="ja"))


@pytest.mark.parametrize("text", [
    "口当たりのまろやかな緑茶です。率直なレビューをお待ちしています。",
    "困ったときは LINE ID：mori_help までメッセージを送ってね。",
    "店頭ではQRで支払いもできます。",
    "ＱＲ①　Amazonの商品ページ",
])
def test_b37_kinds_nearest_safe_wording(checker, text):
    fs = checker.check(text, lang="ja")
    assert not [f for f in fs if f.category in (Category.REVIEW_INCENTIVE, Category.DATA_COLLECTION,
                                                  Category.EXTERNAL_LINK)], fs


# Batch 38's kinds, in new words: a change of the posted review asked as a question (does it
# still match how things are now?), a friend add that is the first step of handing over personal
# details (data collection, not a follow), a phone line on a form called just お電話; and the
# nearest safe wording (a sign-up said to be unneeded, a code on the device itself, a friend add
# for the newest goods, thanks for past reviews).
@pytest.mark.parametrize("text, category", [
    ("修理から二週間たちました。以前いただいた口コミは、いまの使い心地を表していますか？", Category.REVIEW_REMOVAL),
    ("前回のご感想、交換品の状態と食い違っていませんか。", Category.REVIEW_REMOVAL),
    ("公式ＬＩＮＥを友だち追加して、氏名とメールアドレスをお送りいただくと、レシピ集を差し上げます。",
     Category.DATA_COLLECTION),
    ("受付票\nお電話＿＿＿＿＿＿＿", Category.DATA_COLLECTION),
])
def test_b38_kinds_match(checker, text, category):
    assert category in _categories(checker.check(text, lang="ja"))


def test_b38_friend_add_to_hand_over_details_is_no_follow_call(checker):
    text = "公式ＬＩＮＥを友だち追加して、氏名とメールアドレスをお送りいただくと、レシピ集を差し上げます。"
    assert Category.MARKETING not in _categories(checker.check(text, lang="ja"))


@pytest.mark.parametrize("text, absent", [
    ("このアプリは、会員登録せずにすべての機能をお使いいただけます。", Category.DATA_COLLECTION),
    ("計測アプリはアカウント登録不要です。", Category.DATA_COLLECTION),
    ("見守りカメラの背面にあるＱＲコードを、アプリで読み取ってください。", Category.EXTERNAL_LINK),
    ("公式LINEを友だち追加すると、新色の入荷を誰よりも早くお知らせします。", Category.DATA_COLLECTION),
    ("先日いただいたレビューは、今の商品づくりにも生かしています。", Category.REVIEW_REMOVAL),
])
def test_b38_kinds_nearest_safe_wording(checker, text, absent):
    fs = checker.check(text, lang="ja")
    assert absent not in _categories(fs), fs


# Batch 39 (read after scoring): a buyer's own memo filled in at home is no data request; the
# stars as the means, filled up (★でいっぱいに); a chore made easier (ラクになったなら) and a top
# verdict before an arrow (最高！ →) as the happy condition; a bad review named as a noun and
# told off (差評をしないで) before a contact; a thing sent on condition of a review change; a
# voucher usable in the brand's own shop, the verb first.
@pytest.mark.parametrize("text, category", [
    ("台所仕事が少しでもラクになったなら、その思いをアマゾンの星でたっぷり伝えてね。", Category.REVIEW_POSITIVE),
    ("□ 履き心地バッチリ！ → アマゾンで星つけてね", Category.REVIEW_POSITIVE),
    ("もし問題があったら、悪評はつけないで、まず当店にメールしてね。", Category.REVIEW_GATING),
    ("前回の口コミを書き直してくださるなら、予備の替え刃をお届けします。", Category.REVIEW_INCENTIVE),
    ("直営ストアで使える300円分のお買い物券を同封しました。", Category.OFFSITE_DIVERSION),
])
def test_b39_kinds_match(checker, text, category):
    assert category in _categories(checker.check(text, lang="ja"))


@pytest.mark.parametrize("text, absent", [
    ("緊急時の連絡先は、ご家庭で書き込んでおいてください。", Category.DATA_COLLECTION),
    ("星でいっぱいの夜空を、お部屋の天井に映してください。", Category.REVIEW_POSITIVE),
    ("風量：最低 → 最高 の順にダイヤルを回してください。レビューもお待ちしています。", Category.REVIEW_POSITIVE),
    ("悪評が立たないよう、一つずつ検品してからお送りしています。", Category.REVIEW_POSITIVE),
    ("レビューを投稿していただければ、今後もより良い商品をお届けできるよう努めます。", Category.REVIEW_INCENTIVE),
])
def test_b39_kinds_nearest_safe_wording(checker, text, absent):
    fs = checker.check(text, lang="ja")
    assert absent not in _categories(fs), fs


# Batch 51 (read after scoring): a social network's direct messages with the handle printed in
# brackets between the network and its DM (network（@handle）のDM) is a contact channel off Amazon;
# the nearest safe wording (the handle shown only for photos of the goods, Amazon messaging as
# the channel) names no DM.
@pytest.mark.parametrize("text", [
    "組み立てで迷ったら、Instagram（＠kobo_light）のDMで写真を送ってください。",
    "返事はAmazonより早めです。ツイッター（kobo_help）のダイレクトメッセージへどうぞ。",
])
def test_b51_kinds_match(checker, text):
    assert Category.OFFSITE_CONTACT in _categories(checker.check(text, lang="ja"))


@pytest.mark.parametrize("text", [
    "ご質問はAmazonの購入者・出品者間メッセージからどうぞ。",
    "DM（ダイレクトメール）の送付は行っておりません。",
])
def test_b51_kinds_nearest_safe_wording(checker, text):
    assert Category.OFFSITE_CONTACT not in _categories(checker.check(text, lang="ja"))


# Batch 52 (read after scoring): a posted review asked to be rewritten into the reader's present
# view (the present impression named as what the review becomes) is review removal; another item
# of the line announced with も as new (も新登場 / も仲間入り) is marketing. The nearest safe
# wording: a setting changed to suit the present, the present impression asked for as a new
# review, the bought item itself called new.
@pytest.mark.parametrize("text, category", [
    ("ひと月お使いになった今、現在の印象に書き直していただけませんか。", Category.REVIEW_REMOVAL),
    ("前に「硬い」と評価された方へ。最新のご感想へ更新いただけると幸いです。", Category.REVIEW_REMOVAL),
    ("来月には小型タイプも新発売です。", Category.MARKETING),
    ("この春、桜の香りもラインナップに加わりました！", Category.MARKETING),
])
def test_b52_kinds_match(checker, text, category):
    assert category in _categories(checker.check(text, lang="ja"))


@pytest.mark.parametrize("text, absent", [
    ("タイマーは、今の生活リズムに合わせて変更してください。", Category.REVIEW_REMOVAL),
    ("使い慣れた今のご感想を、Amazonのレビューでお聞かせください。", Category.REVIEW_REMOVAL),
    ("新発売の電動ミルをお選びいただき、ありがとうございます。", Category.MARKETING),
    ("替えのパッキンも、Amazonの注文履歴から再注文できます。", Category.MARKETING),
])
def test_b52_kinds_nearest_safe_wording(checker, text, absent):
    assert absent not in _categories(checker.check(text, lang="ja"))
