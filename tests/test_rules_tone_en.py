"""English complaints told as events, without a judging word: must and must-not rows for each mechanism.

A state that lasts (in transit for 9 days now, it's been a week, pending since Tuesday); a count of tries or days
from the second on (3rd time asking, second week in a row); a greeting or a preface is no praise that outweighs them
(Good evening., Quick question:); no answer where one was due (nobody has called, no reply, no announcements); words
that complain only in company (a fee, every time, way too much, silent, didn't even need to); a lost thing found again
or money back (found it, handed it in, refund received); a judging word only asked about (is it rude to ...?); a plea
to put it right (please sort it, do better) and sarcasm that thanks or approves (thanks for nothing, cool cool). Every
row holds for the rules alone and with the shipped tone model (rules/tone_model.py), but the few the model overrules
(tests/rules_support.MODEL_OVERRULES); plans, tenures and praise that use the same words stay as they are.
"""

from __future__ import annotations

import pytest

from kuulo.rules.engine import Engine
from tests.rules_support import table_engine, table_engines, tone_row


engine = table_engines("Gigantti", "Motonet", "Alepa")


LASTING = [
    ("@Gigantti my order has said 'in transit' for 9 days now. who do I contact?", True),
    ("Motonet pickup said 2 hours. it's been 5.", True),
    ("@Alepa any news on my order? its been a week", True),
    ("Gigantti repair ticket has been 'pending' for 3 weeks", True),
    ("Motonet tracking shows in transit since Tuesday, any idea?", True),
    ("sent the warranty form to Gigantti 4 weeks ago and nothing", True),
    ("the Alepa by our stop has been closed for 2 days", True),
    # a plan, a tenure, a count of days that tells of nothing waited for, praise
    ("Can Gigantti hold my order for a week while I travel?", False),
    ("Alepa customer since 2015, they know my name", False),
    ("Motonet sale ends in 3 days", False),
    ("Been with Gigantti for 3 years, great service every time", False),
    ("Ordered from Motonet 2 days ago and it came today, great", False),
    ("Gigantti opened a new store since last winter", False),
    ("it's been 3 days with my new Gigantti TV and I love it", False),
]


@pytest.mark.parametrize("text, negative", LASTING)
def test_a_state_that_lasts_complains(request: pytest.FixtureRequest,
                                      engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative, lang="en")


def test_how_long_it_lasted_is_the_reason_shown() -> None:
    verdict = table_engine("rules", "Gigantti").evaluate("Gigantti order 'in transit' for 9 days now", lang="en")
    assert verdict.negative_terms == ("9 days now",)


REPEATS = [
    ("@Gigantti 3rd time asking. Is anyone reading these?", True),
    ("Motonet out of winter tyres for the second week in a row", True),
    ("Alepa self checkout called for staff, 4th time this month", True),
    ("Gigantti third technician visit booked, nobody came", True),
    # a date, the first time, a win
    ("Ordered from Gigantti on the 3rd, delivery next week", False),
    ("Alepa opens its new store in the second week of May", False),
    ("First time at Motonet, found everything", False),
    ("Passed my driving test on the third try at Motonet's course 🎉", False),
]


@pytest.mark.parametrize("text, negative", REPEATS)
def test_a_count_of_tries_from_the_second_on_complains(request: pytest.FixtureRequest,
                                                       engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative, lang="en")


PREFACES = [
    ("Good evening. Ordered from Gigantti 75 minutes ago, app says 'almost there' since 40 minutes", True),
    ("Good morning, I applied for a Motonet refund 6 weeks ago and still no decision", True),
    ("Good afternoon Alepa. My parcel has been 'in transit' for 3 days now", True),
    # praise that judges, a greeting with nothing to outweigh
    ("Good service at Gigantti, delivered 2 days early", False),
    ("Good morning Alepa! Fresh bread already out at 7", False),
    ("Quick question: does Motonet sell winter tyres for bikes?", False),
]


@pytest.mark.parametrize("text, negative", PREFACES)
def test_a_greeting_is_no_praise(request: pytest.FixtureRequest, engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative, lang="en")


NO_ANSWER = [
    ("Gigantti delivery window was 8-16. It's 17:30. No call.", True),
    ("Motonet train stopped 40 min, no announcements", True),
    ("Alepa parcel turned up at another store. no notification", True),
    ("My Gigantti parcel is in Vantaa but nobody has called", True),
    ("sent it with Motonet and now nobody knows where it is", True),
    # praise outweighs, or nobody is compared
    ("Gigantti app got its update, no announcement but it works great", False),
    ("Nobody knows winter tyres like Motonet 😍", False),
    ("Nobody beats Alepa's rye bread 😍", False),
]


@pytest.mark.parametrize("text, negative", NO_ANSWER)
def test_no_answer_where_one_was_due_complains(request: pytest.FixtureRequest,
                                               engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative, lang="en")


ALONE = [
    ("Gigantti went silent after I sent the photos", True),
    ("Motonet mechanic scratched the rim and didn't even apologise", True),
    # a fee asked about, a habit, plenty, quiet, ease
    ("Do I have to pay the Alepa delivery fee if I pick it up myself?", False),
    ("Grandma buys 12 packs of Alepa coffee every time", False),
    ("Haul from Gigantti: a new kettle and way too much chocolate", False),
    ("The new Motonet car wash is silent, weirdly satisfying", False),
    ("Gigantti sale had the TV 300€ off, didn't even need to queue", False),
]


@pytest.mark.parametrize("text, negative", ALONE)
def test_words_that_complain_only_in_company(request: pytest.FixtureRequest,
                                             engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative, lang="en")


SETTLED = [
    ("Gigantti lost my parcel and found it two days later, not bad", False),
    ("Lost my wallet at Alepa and someone handed it in with everything inside 🥹", False),
    ("Is it rude to not tip the Motonet delivery guy?", False),
    ("Alepa, is it weird that I buy your rye bread every day?", False),
    ("@Gigantti refund received this morning, thanks for pushing it through", False),
    ("Motonet compensation landed today. Took 5 weeks but fair enough, thank you", False),
    # still lost, asked of a problem the writer has, said rather than asked
    ("Gigantti lost my parcel and nobody found it", True),
    ("Motonet tap keeps leaking, is this a known issue?", True),
    ("The Alepa cashier was rude to my mother", True),
]


@pytest.mark.parametrize("text, negative", SETTLED)
def test_found_again_or_only_asked_whether_is_no_complaint(request: pytest.FixtureRequest,
                                                           engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative, lang="en")


PLEAS_AND_SARCASM = [
    ("@Gigantti charged me for 2 kettles and I got 1. Order ref in DM, please sort it", True),
    ("Motonet's new winter range is way too limited. please do better", True),
    ("Alepa, please stop sending me paper flyers", True),
    ("@Gigantti refunded 1€ for a missing 4€ cable. thanks for nothing", True),
    ("Motonet moved my booking to next week without asking. cool cool", True),
    # thanks and approval meant as such
    ("Thanks Alepa, nothing beats your rye bread", False),
    ("The Gigantti staff were so cool, sorted it in minutes", False),
]


@pytest.mark.parametrize("text, negative", PLEAS_AND_SARCASM)
def test_a_plea_or_sarcastic_thanks_complains(request: pytest.FixtureRequest,
                                              engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative, lang="en")


ESCALATIONS = [
    ("Gigantti, I've called twice about my order", True),
    ("The Alepa freezer door hangs open. Reported it 4 times.", True),
    ("Motonet has now attempted delivery 3 times. I was home all day", True),
    ("DM'd Gigantti twice about it", True),
    # tries that ended well
    ("I asked Alepa twice where the oat milk was, the staff were lovely", False),
    ("Called Motonet twice and they sorted it in minutes, thanks!", False),
    ("Tried the new Alepa sushi twice now, love it 😍", False),
]


@pytest.mark.parametrize("text, negative", ESCALATIONS)
def test_a_way_of_reaching_them_counted_from_the_second_on_complains(request: pytest.FixtureRequest,
                                                                     engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative, lang="en")


PRICE_RISES = [
    ("Gigantti raised my warranty subscription by 20% at renewal", True),
    ("Motonet membership fee going up again in January", True),
    ("Alepa, you raise my delivery plan price by 3€ a month without asking?", True),
    ("Alepa raised the car park ticket by 2€", True),
    # a raise for a person, money raised, praise that outweighs
    ("The Motonet courier carried it up 5 floors, give that man a raise", False),
    ("Gigantti staff raised 900 € for the children's hospital", False),
    ("Alepa's share price went up 5% today, nice", False),
]


@pytest.mark.parametrize("text, negative", PRICE_RISES)
def test_a_price_rise_told_as_a_fact_complains(request: pytest.FixtureRequest,
                                               engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative, lang="en")


SHORT_RUNS = [
    ("Motonet raised our tyre hotel fee 18% this year. Nice. Cool. Love it.", True),
    ("Alepa closed the self checkouts at 6pm and the queue was 40 minutes. Great. Thanks.", True),
    # praise with nothing to mock, a problem solved
    ("Gigantti delivered my TV a day early. Nice. Love it.", False),
    ("Had an issue with my Alepa order, refunded in an hour. Great. Thanks.", False),
]


@pytest.mark.parametrize("text, negative", SHORT_RUNS)
def test_a_run_of_short_praise_after_a_complaint_is_sarcasm(request: pytest.FixtureRequest,
                                                            engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative, lang="en")


NO_FIX = [
    ("My Gigantti parcel has said 'arrived at the sorting centre' for 9 days now", True),
    ("Motonet discontinued my tyre cleaner and replaced it with one that smells of petrol", True),
    ("Alepa quietly stopped stocking my rye bread. Replaced with a pricier one", True),
    ("Alepa salad was slimy inside. Best before is next week. Not great", True),
    # a fix for a new one or at once, a label beside praise
    ("Gigantti replaced my broken kettle with a new one, great service", False),
    ("Motonet replaced my chipped rim with no questions asked 👏", False),
    ("Best before dates on Alepa's own bread are finally easy to read 👍", False),
]


@pytest.mark.parametrize("text, negative", NO_FIX)
def test_a_place_a_swap_or_a_label_is_no_fix_nor_praise(request: pytest.FixtureRequest,
                                                         engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative, lang="en")


COLD = [
    ("Alepa pizza arrived cold, one star", True),
    ("Gigantti's cafe coffee was cold again", True),
    ("Motonet waiting room radiators are cold", True),
    # a drink is wanted cold
    ("Sauna, lake and a cold long drink from Alepa. Summer done right", False),
    ("Grabbed a cold beer at Alepa for the sauna evening", False),
]


@pytest.mark.parametrize("text, negative", COLD)
def test_cold_is_a_failure_but_not_of_a_drink(request: pytest.FixtureRequest,
                                              engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative, lang="en")


CURIOUS = [
    ("Why does the Alepa app log me out every time I pay?", True),
    ("honest question, why is the Gigantti app always crashing?", True),  # a failure word still tells of one
    # a why-question that owns to its curiosity
    ("Why does Alepa sell fishing gear next to the milk? genuinely asking", False),
    ("eli5 why does every Motonet have a cafe? not complaining, the coffee is good", False),
]


@pytest.mark.parametrize("text, negative", CURIOUS)
def test_a_why_question_asked_out_of_curiosity_asks(request: pytest.FixtureRequest,
                                                    engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative, lang="en")


FRESH_PRAISE = [
    ("Alepa in Kallio started doing fresh pretzels again, the 7pm discount rack is elite", False),
    ("Gigantti same-day delivery is witchcraft. ordered at 11, monitor on my desk by 4pm", False),
    ("Motonet's new game-changer of a tyre hotel, booked in a minute. No regrets", False),
    ("Took 2 weeks but the Gigantti repair is spotless, proud owner again", False),  # praise outweighs the wait
    # praise denied complains
    ("Honestly not excited about the new Gigantti app layout", True),
    ("Not proud of how Alepa treated the cashier today", True),
]


@pytest.mark.parametrize("text, negative", FRESH_PRAISE)
def test_praise_as_fresh_writers_word_it(request: pytest.FixtureRequest,
                                         engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative, lang="en")


QUOTED_BACK = [
    ("Alepa earrings turned my ears green after a week. Silver, they said.", True),
    ("Gigantti took 3 days to deliver next door. Fast delivery, they said.", True),
    # a claim reported, not quoted back after a story; a quote at the start
    ("The Motonet staff were lovely, they said", False),
    ("They said Alepa opens at 7 tomorrow", False),
]


@pytest.mark.parametrize("text, negative", QUOTED_BACK)
def test_a_claim_quoted_back_at_the_end_is_sarcasm(request: pytest.FixtureRequest,
                                                   engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative, lang="en")


FAILED_IN_USE = [
    ("Gigantti kettle tap dripping after 3 months", True),
    ("Motonet wool socks shrank a size on the first wash", True),
    ("Alepa chocolates were melted together when I opened the box", True),
    ("Gigantti support told me to reset it. Now it doesn't turn on at all", True),
    ("Motonet mosquito spray does absolutely nothing", True),
    ("Alepa oat milk tasted sour two days before the date", True),
    # cooking and smells that please
    ("Alepa melted cheese toastie is the best lunch in Kamppi", False),
    ("The Gigantti store smells like Christmas this week 🎄", False),
]


@pytest.mark.parametrize("text, negative", FAILED_IN_USE)
def test_a_thing_that_failed_in_use_complains(request: pytest.FixtureRequest,
                                              engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative, lang="en")


IN_VAIN_ROWS = [
    ("Alepa had none of the rye bread the app said was in stock. I drove 45 min for nothing", True),
    ("The Motonet pickup SMS came a day early. Walked there twice for nothing.", True),
    # what cost nothing
    ("Got the Gigantti cable for nothing with the TV, nice touch", False),
]


@pytest.mark.parametrize("text, negative", IN_VAIN_ROWS)
def test_a_trip_made_in_vain_complains(request: pytest.FixtureRequest,
                                       engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative, lang="en")


TITLE_ROWS = [
    ("Angry Birds birthday cake for my little one, Alepa had the candles too", False),
    ("was Rovio's angry birds movie actually profitable? asking for Alepa's marketing team", False),
    # the word itself, or a complaint beside the name
    ("The Alepa cashier was angry at my kid for no reason", True),
    ("Alepa, please bring back the Angry Birds juice boxes", True),
]


@pytest.mark.parametrize("text, negative", TITLE_ROWS)
def test_a_judging_word_that_begins_a_name_judges_nothing(request: pytest.FixtureRequest,
                                                          engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative, lang="en")


DISBELIEF_ROWS = [
    ("@Alepa it's 4pm and the shelf is still empty. Seriously.", True),
    ("Gigantti, you can't seriously expect me to wait 5 hours?!", True),
    ("Does @Motonet seriously expect me to pay 40€ for a wiper blade", True),
    ("Our office's biggest bugbear is the Alepa queue at 8:05 every morning", True),
    ("My pet peeve: Gigantti's self-checkout asking for a bag every single time", True),
    ("Motonet's winter tyre prices went up 20 % this year. Ouch.", True),
    # the adverb that strengthens the words after it
    ("Alepa's new rye bread is seriously good", False),
    ("seriously the cutest dog treats at Motonet this week", False),
    ("Seriously considering the Gigantti extended warranty for the new TV, anyone got it?", False),
]


@pytest.mark.parametrize("text, negative", DISBELIEF_ROWS)
def test_disbelief_complains_and_an_intensifier_does_not(request: pytest.FixtureRequest,
                                                         engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative, lang="en")


WHY_PRAISE_ROWS = [
    ("switched to Alepa's delivery last month, half the price. Why did I wait 3 years.", False),
    ("Motonet fitted my tyres in 15 minutes. why didn't I come here years ago", False),
    ("Gigantti's price guarantee paid me back the difference. Why didn't anyone tell me sooner", False),
    ("Alepa packs your bags for you at the self-checkout. Why doesn't every shop do this?", False),
    ("switched to Gigantti's plan last month, same coverage and I pay half. no idea why I waited so long", False),
    ("Motonet's line was jammed all week. So that's why I waited 47 minutes on the phone.", True),
    # a why that complains: no time before now, or a wish for what is missing
    ("Motonet cancelled my booking. Why did nobody tell me?", True),
    ("Gigantti charged me twice. why did I even trust the app", True),
    ("why do I have to wait 3 weeks for a Gigantti repair", True),
]


@pytest.mark.parametrize("text, negative", WHY_PRAISE_ROWS)
def test_a_why_that_regrets_not_doing_it_sooner_praises(request: pytest.FixtureRequest,
                                                         engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative, lang="en")


BLAME_ROWS = [
    ("Motonet moved the tyre hotel to the other side of town. who plans this", True),
    ("ok who at Gigantti decided the receipts come only by email", True),
    ("Alepa self-checkouts now ask for the bonus card twice. Whose idea was this?", True),
    ("Gigantti's new app hides the order history three menus deep. Who designed this", True),
    ("Waited 40 minutes for the Alepa delivery slot to open. Why.", True),
    ("Motonet charges 5 € for the tyre bag now. but why", True),
    ("Who at Alepa thought closing the Kallio store at 18 was a good idea?", True),
    # a relative who, a question for a name, a laugh, the why of a clause, a bare why with nothing told before it
    ("Thanks to the Alepa staff who planned the kids' corner, it was lovely", False),
    ("who designed the Gigantti logo? asking for a school project", False),
    ("Motonet sells a sauna-shaped air freshener now. who approved this 😂", False),
    ("Alepa closes at 23 in Kallio, that's why", False),
    ("Why?", False),
]


@pytest.mark.parametrize("text, negative", BLAME_ROWS)
def test_a_question_that_blames_complains(request: pytest.FixtureRequest,
                                         engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative, lang="en")


EXCITED_ROWS = [
    ("Gigantti's robot vacuum demo at the mall, the kids lost their minds", False),
    ("Alepa handed out free ice cream on the square and everyone lost it", False),
    # the writer's own mind, or a thing lost
    ("Motonet lost my tyre booking and I'm losing my mind", True),
    ("I lost it somewhere between the Alepa tills and the car park, the receipt for my refund", True),
]


@pytest.mark.parametrize("text, negative", EXCITED_ROWS)
def test_others_losing_their_minds_is_excitement(request: pytest.FixtureRequest,
                                                 engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative, lang="en")


LOVE_THAT_ROWS = [
    ("Gigantti cancelled my pickup for the third time this week. Love that for me.", True),
    ("Motonet's app logged me out at the till again. Love this for me.", True),
    # said to another's good news, or plain love
    ("Love that for you, congrats on the new Alepa job!", False),
    ("I love the new Alepa in Kallio, open till midnight", False),
]


@pytest.mark.parametrize("text, negative", LOVE_THAT_ROWS)
def test_love_that_for_me_is_said_of_bad_luck(request: pytest.FixtureRequest,
                                              engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative, lang="en")


REFUSAL_ROWS = [
    ("the Alepa self-checkout won't accept my foreign card", True),
    ("Gigantti's gift card wouldn't scan at the till, twice", True),
    ("Motonet order paid, but the pickup code doesn't go through at the locker", True),
    ("my new watch from Gigantti won't sync with the phone since Monday", True),
    # a person's own choice, a price, a person who does not know someone
    ("we didn't play the Gigantti demo games, the kids were tired but happy", False),
    ("any Alepa near Kamppi that doesn't charge for bags?", False),
    ("wore my new Motonet overalls and my neighbour didn't recognise me 😂", False),
]


@pytest.mark.parametrize("text, negative", REFUSAL_ROWS)
def test_a_thing_that_will_not_do_its_task_complains(request: pytest.FixtureRequest,
                                                     engine: Engine, text: str, negative: bool) -> None:
    tone_row(request, engine, text, negative, lang="en")
