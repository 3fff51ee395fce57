"""Second-round kinds of wording in the de/fr/es/it/ja packs, each as a seller's own
paraphrase: the card gets the category a buyer-facing reviewer would give it, and its
clean lookalike stays free of errors."""
from __future__ import annotations

import pytest

from checks.findings import Severity

FLAGGED = [
    # conditional happiness told through the dative / as relief
    ("es", "Si te salieron crujientes, regálennos unas estrellitas en Amazon.", "review-positive"),
    ("it", "Se col nostro materasso hai dormito senza il solito mal di schiena, raccontalo su Amazon.", "review-positive"),
    ("fr", "Si vous avez dormi sans votre mal de dos habituel, racontez-le sur Amazon.", "review-positive"),
    # steering what the review praises
    ("it", "Quando scrivi la recensione, menziona quanto è comodo il manico.", "review-positive"),
    ("fr", "Au moment d'écrire votre avis, n'oubliez pas de souligner la douceur du tissu.", "review-positive"),
    ("es", "Al escribir tu reseña, no olvides mencionar la comodidad del asa.", "review-positive"),
    ("de", "Beim Schreiben Ihrer Rezension erwähnen Sie gern die Verarbeitung.", "review-positive"),
    # pleas before a low mark
    ("it", "Se vuole darci meno del massimo, la preghiamo di ripensarci.", "review-positive"),
    ("fr", "Réfléchissez à deux fois avant de laisser une note basse.", "review-positive"),
    ("de", "Bitte überlegen Sie es sich zweimal, bevor Sie drei Sterne vergeben.", "review-positive"),
    # giving back a star
    ("es", "¿Podría devolvernos la estrella que nos quitó?", "review-positive"),
    ("de", "Könnten Sie uns den abgezogenen Stern zurückgeben?", "review-positive"),
    # German removal by separable verbs and "bring it up to date"
    ("de", "Wenn ihr die 2-Sterne-Rezension rausnehmt, schicken wir das Set neu.", "review-removal"),
    ("de", "Vielleicht bringen Sie Ihre Bewertung bei Gelegenheit auf den neuesten Stand?", "review-removal"),
    # a chat app as the seller's channel; cheaper than through Amazon
    ("de", "Fehlt ein Teil? Schreib uns per Threema, wir helfen sofort.", "offsite-contact"),
    ("es", "Pídelo por WhatsApp, sale más barato que en Amazon.", "offsite-diversion"),
    # Japanese yes row with a colon, honorific "before you write"
    ("ja", "活躍しましたか？ → はい：Amazonでぜひ感想を", "review-positive"),
    ("ja", "ご不満な点がございましたら、レビューを書かれる前に、注文履歴から一報いただけますでしょうか。", "review-gating"),
    # English: a good result answered by "that's the review we want"; the product at work praised
    # as a question; an unnamed treat for reviewers; Amazon's or Alexa's made-up badge
    ("en", "If the glaze comes out glassy, that's precisely the kind of review we'd be thrilled to see on Amazon.", "review-positive"),
    ("en", "Dough rising nicely? → we'd love to read about it on Amazon.", "review-positive"),
    ("en", "When your rating is up on Amazon, keep watching the doormat 🎁", "review-incentive"),
    ("en", "Our extras have a habit of finding their way to customers who review us.", "review-incentive"),
    ("en", "Proud holder of the Amazon Garden Quality Seal", "marketplace-trademark"),
    # English (batch 41 kinds): a relief or good result asked as a question with a subject, then the
    # review page or "what other buyers look for in the reviews"; joy shared on a marketplace
    # domain; a bare "an update would help" about a posted review; offers by mail on an opt-in line
    ("en", "Knees feeling a lot freer after the hike?\n→ a few words on Amazon help the next walker choose.", "review-positive"),
    ("en", "Bath time a touch calmer with the new cup? That's the sort of detail other parents search for in the reviews.", "review-positive"),
    ("en", "If the heater kept the study toasty, please share your delight on Amazon.in", "review-positive"),
    ("en", "Your previous review mentions the wobbly leg; an edit could make all the difference now it's sorted.", "review-removal"),
    ("en", "☐ Yes, text me promotions on pods and new flavours", "marketing"),
    # English (batch 42 kinds): a success asked as a question, then the review said to belong on
    # Amazon; a chore turned into a pleasure as the condition; the rating held until a word with the
    # team; a review asked to tell the story as it is now; a made-up Amazon showcase
    ("en", "Spotted the owl on the first night with the trail cam? That deserves to be on Amazon.", "review-positive"),
    ("en", "If the heated seat has made the winter commute something you actually look forward to, let other drivers on Amazon know.", "review-positive"),
    ("en", "Hold back on the stars until you've had a word with our repair crew at fixit@brand.example.", "review-gating"),
    ("en", "It would mean a lot if your rating reflected the new chapter now the leak is fixed.", "review-removal"),
    ("en", "Selected for the Amazon Backyard Heroes collection", "marketplace-trademark"),
    # batch 43 kinds: the score presumed earned, the review pushed to the top of the scale, the
    # yes row cheered, a trouble gone as a question, an early review asked to be re-read, the chat
    # as the till, sold only off Amazon, a bare Discord, a question in the seller's group first
    ("en", "Kept you dry all weekend? Pop over to Amazon and give it the stars it deserves.", "review-positive"),
    ("en", "If the mixer won you over, let your rating show it, right up to the top end of the scale.", "review-positive"),
    ("en", "Sleeping through now?\nYEP ➜ Brilliant! Tell other parents about it on Amazon.", "review-positive"),
    ("en", "Knee twinge finally gone? Let fellow runners know on Amazon.", "review-positive"),
    ("en", "If you posted your review before the new lid came out, would you take it for one more read?", "review-removal"),
    ("en", "Refills cost less when you buy them directly in our WhatsApp chat.", "offsite-diversion"),
    ("en", "The travel case is sold only from brand.example/case, not on Amazon.", "offsite-diversion"),
    ("en", "Setup stuck? Our techs reply fast on Slack.", "offsite-contact"),
    ("en", "Before you leave any stars, post your question in our owners' forum.", "review-gating"),
    # batch 45 kinds: a review turned into a top score, a posted rating asked back up, a reworked
    # line asked of a posted review, money put aside per review, Amazon as the dearer route, a sale
    # price announced, promotions pushed on a schedule
    ("en", "Could you edit the review to five stars now the hinge is fixed?", "review-positive"),
    ("en", "Once the new pump is in, we hope to see your rating bounce back up.", "review-removal"),
    ("en", "You posted a review last month. An updated sentence could help other cooks.", "review-removal"),
    ("en", "With each rating you post, we'll chip two dollars into the animal rescue fund.", "review-incentive"),
    ("en", "Order spare blades by email: it's cheaper than ordering via Amazon.", "offsite-diversion"),
    ("en", "Next month the twin pack falls to $19 on Amazon, so grab one for a friend.", "marketing"),
    ("en", "Join our text list and you'll receive our seasonal deals every Friday.", "marketing"),
    # batch 47 kinds: the buyers on the marketplace named as the audience after a good result; a
    # fan asked as a question; the rating presumed earned; a low star asked up to a top score;
    # a cover stepping up for the review; a social-network group as the help desk before the
    # review; a win claimed in the name of a marketplace domain
    ("en", "If the heater kept the shed frost-free all winter, the other gardeners on Amazon.com ought to hear that.", "review-positive"),
    ("en", "Puppy smitten with the chew rope? → A line for fellow dog owners on Amazon.com would make our day.", "review-positive"),
    ("en", "Once the kettle has earned a spot on your counter, give it the score our potters have well deserved.", "review-positive"),
    ("en", "If you left a low star earlier, please switch to five stars once the new blade arrives.", "review-removal"),
    ("en", "Rate the saw on Amazon and your guarantee leaps to 4 years.", "review-incentive"),
    ("en", "Trouble with the pairing? Ask in the Trailhead Owners group on Facebook before you rate it.", "review-gating"),
    ("en", "Trouble with the pairing? Ask in the Trailhead Owners group on Facebook.", "offsite-contact"),
    ("en", "Amazon.co.uk Baking Legend 2026", "marketplace-trademark"),
    # batch 48 kinds: a long list of details popped into a web address for a perk; the brand's own
    # shop with a code, an Amazon return named as the slower way
    ("en", "Fancy a longer warranty? Put your full name, phone number, street address and your cat's birthday into purrfect.example/club and the extra year is on the house.", "data-collection"),
    ("en", "Bought the wrong width? Swap it in our own online shop at brand.example with code FITME for 20% off; easier than posting it back via Amazon.", "offsite-diversion"),
    # batch 50 kinds: a good result asked as a short "X and Y?" question, then a mention or stars
    # on Amazon said to please us; a posted review asked to be thought over or checked against the
    # fix; an SMS keyword opt-in traded for a discount
    ("en", "Cushions snug and comfy after a week on the porch? Worth a quick mention on Amazon.", "review-positive"),
    ("en", "Rugs soft and fresh out of the wash? A few stars on Amazon would make the team's week.", "review-positive"),
    ("en", "Now that the hinge is replaced, could you give your old rating a second thought?", "review-removal"),
    ("en", "Since the new seal went in, does that review of yours still hold?", "review-removal"),
    ("en", "SMS the word SEEDS to 555-0199 and get planting tips plus $5 off.", "data-collection"),
    # batch 54 kinds: a casual second look at the posted review, the rating steered "north", the
    # review as "pen to paper", an Amazon-domain title pick, an extended cover for data
    ("en", "About the rating you gave the old kettle: now the new one is boiling fine, mind having a gander at it?", "review-removal"),
    ("en", "If the new bristles behave, would you mind nudging your score north?", "review-removal"),
    ("en", "Before your fingers hit the keyboard about us on Amazon, ring our studio on 0161 555 0177.", "review-gating"),
    ("en", "Amazon.com.au Beach Pick 2027", "marketplace-trademark"),
    ("en", "Want three years? Message your full name and invoice on Telegram and we will activate the extended cover.", "data-collection"),
]

CLEAN = [
    ("it", "Quando ne hai voglia, puoi raccontare com'è andata nella pagina del prodotto su Amazon."),
    ("fr", "Pensez à mentionner votre numéro de commande dans votre message Amazon."),
    ("es", "Al escribir tu reseña, menciona el número de pedido solo por mensaje de Amazon."),
    ("de", "Du hast schon eine Bewertung geschrieben? Dann schick uns über Amazon ein Foto vom Aufbau."),
    ("fr", "Une question ? Écrivez-nous via la messagerie Amazon."),
    ("ja", "ぜひ感想を聞かせてください。"),
    ("en", "If the glaze crazes, that's the kind of issue to message us about through Amazon."),
    ("en", "Once the courier has your parcel, keep an eye on your letterbox."),
    ("en", "Your review finds its way to shoppers who are still choosing; we'd value an honest one."),
    # a five-star book, show or self-scored chart is no rating asked for; a "full" review is a thorough one
    ("en", "Happy reading, Mum! Your book club will call this one a five-star page-turner."),
    ("en", "Finished all your scales? Award yourself two stars on the practice tracker!"),
    ("en", "Invite the grandkids round: tonight we're aiming for a five-star recital in the lounge!"),
    ("en", "I want your full review of the new detective series when we meet on Sunday."),
    # a child's app or family stars, a review by engineers, the order page "on Amazon"
    ("en", "Chore stars roll in each time the toys go back in the box; five of them buy an extra story."),
    ("en", "Four stars from Grandad for your swimming lesson, and a hot chocolate on the way home."),
    ("en", "Each new batch goes through a review by an outside chemist before it ships."),
    ("en", "Your invoice should be on Amazon under Your Orders."),
    # batch 43: a gift received, a nameplate rating, critics' stars, a kitchen scale's top, the
    # buyer's own judgement, Amazon messages as the channel
    ("en", "Received the blender as a present? Returns with a gift receipt go through Amazon."),
    ("en", "Power rating: 1200 W. Got it as a gift? Exchanges run through Your Orders."),
    ("en", "Film magazines seldom give a sequel five stars."),
    ("en", "Please set the bowl down before the display reaches the top of the scale."),
    ("en", "Whenever you like, give it whatever rating you think it deserves."),
    ("en", "Questions? Message us through Amazon before your first ride and we'll help you set it up."),
    # batch 45: seller feedback described (not named) and left to the buyer; a temperature that
    # climbs back or drops to a number; a new review asked neutrally; reviews read, not paid for
    ("en", "Any rating you gave us as a seller during the wait is yours to change or keep, as you see fit."),
    ("en", "After a cold night the temperature climbs back up by noon."),
    ("en", "Let it cool: the temperature drops to 40 °C within ten minutes."),
    ("en", "A new review would help other buyers choose; leave an honest one on Amazon if you like."),
    ("en", "For every review we read, we learn something new about our kettles."),
    ("en", "Switch the timer to 5 minutes and turn the dial to full."),
    # batch 47: Amazon messaging, other colours on Amazon, an assembly step, a fitting fault, a hotel
    # grade, a fixed warranty term, a raffle prize, a neutral audience on Amazon
    ("en", "Let us know through Amazon messages if anything is missing."),
    ("en", "Our other sizes are on Amazon.co.uk: see the listing for details."),
    ("en", "Once the pin has found its place in the slot, turn the handle."),
    ("en", "Strap hooked on the wrong loop? Unclip it and thread it again."),
    ("en", "Upgrade to 5-star hotel comfort with our cotton sheets."),
    ("en", "Standard cover: 2 years on the motor from the order date."),
    ("en", "The winners get an Amazon gift card in our school raffle."),
    ("en", "If you like, let other buyers on Amazon know what you think, good or bad."),
    # batch 48: a gift receipt in the box, a "post-" compound (no
    # postcode), an Amazon exchange that is simply quick
    ("en", "Opened this as a present? The gift receipt is in the envelope in case you need to swap the colour."),
    ("en", "Tag your post-workout selfies with @stridewell on Instagram: one snap a month wins a prize."),
    ("en", "Wrong width? Exchanges are quicker than you think: just start one through Amazon Your Orders."),
    # batch 50: reviews read before buying, a dry-hands safety question, an SMS stop word, a shout
    # through Amazon messages
    ("en", "Give the size chart a second look before you pick your boots."),
    ("en", "Hands dry and warm? Then plug the dryer in."),
    ("en", "Text STOP to 555-0100 to switch the alerts off."),
    ("en", "Worth a shout to us through Amazon messages if the strap slips."),
    # batch 54: a chat server joined only for raffles, a pick-up point
    ("en", "Jump into our Slack for weekly raffles and first dibs on new drops."),
    ("en", "Collect parcels at the Amazon.co.uk Locker Pick Up point on the high street."),
]

# instructions followed on a video site are no follow-us call (batch 50)
FOLLOWED_CONTENT = [
    "Follow the chords on YouTube while you strum along.",
    "Follow the lyrics on YouTube and sing along.",
    "Follow the tutorial on YouTube to fit the second shelf.",
]


@pytest.mark.parametrize("text", FOLLOWED_CONTENT)
def test_followed_content_is_no_marketing(checker, text):
    cats = {f.category.value for f in checker.check(text, lang="en")}
    assert "marketing" not in cats


@pytest.mark.parametrize("lang,text,category", FLAGGED)
def test_paraphrase_of_each_kind_is_flagged(checker, lang, text, category):
    cats = {f.category.value for f in checker.check(text, lang=lang)}
    assert category in cats


@pytest.mark.parametrize("lang,text", CLEAN)
def test_clean_lookalike_gets_no_error(checker, lang, text):
    errors = [f for f in checker.check(text, lang=lang) if f.severity is Severity.ERROR]
    assert errors == []
