"""German event rules, one case each, on sentences written for these tests (published 2024-06-26, a Wednesday)."""

from __future__ import annotations

from datetime import date

from kg.events.dates import resolve_date
from kg.extract import extract
from kg.model import Article, Extraction


def events_of(x: Extraction, event_type: str):
    return [e for e in x.events if e.type == event_type]


def name(x: Extraction, entity_id: str | None) -> str | None:
    entity = x.entity(entity_id) if entity_id else None
    return entity.name if entity is not None else None


def names(x: Extraction, ids) -> set[str]:
    return {name(x, i) for i in ids} - {None}


def test_an_unnamed_title_is_the_office_holder_named_before(run):
    x = run("Bundesrat Ignazio Cassis traf am Montag in Bern den Aussenminister Norwegens. "
            "Danach betonte der Vorsteher des EDA, die Zusammenarbeit sei eng.", "de")
    (statement,) = events_of(x, "STATEMENT")
    assert name(x, statement.source) == "Ignazio Cassis"


def test_a_prefix_office_without_a_name_makes_its_state_act(run):
    x = run("Die G7-Außenminister haben China zur Zurückhaltung aufgerufen.", "de")
    (request,) = events_of(x, "REQUEST")
    assert name(x, request.source) == "G7"
    assert name(x, request.target) == "China"


def test_a_government_in_its_capital_acts_for_the_state(run):
    x = run("Die Regierung in Kiew wies den Vorwurf Moskaus zurück.", "de")
    (rejection,) = events_of(x, "REJECT")
    assert rejection.source is not None
    assert name(x, rejection.source) in {"Kiew", "Ukraine"}


def test_an_unnamed_subject_is_not_replaced_by_the_named_object(run):
    x = run("Die Putschisten bezichtigten Belgien am Montag, Rebellen zu bewaffnen.", "de")
    # the accuser has no name: no event, and above all not one with France accusing
    assert not [e for e in events_of(x, "ACCUSE") if name(x, e.source) == "Belgien"]
    assert not events_of(x, "ACCUSE")


def test_an_apposition_after_a_comma_names_the_partner(run):
    x = run("Olaf Scholz telefonierte am Dienstag mit dem Sicherheitsberater der USA, Jake Sullivan.", "de")
    (call,) = events_of(x, "CONSULT")
    assert name(x, call.source) == "Olaf Scholz"
    assert name(x, call.target) == "Jake Sullivan"
    assert call.mode == "phone"


def test_a_list_of_partners_all_take_part_and_a_closing_speaker_is_er(run):
    x = run("Am Morgen habe er ausführlich mit Giorgia Meloni, dem polnischen Präsidenten Andrzej Duda und weiteren "
            "Partnern telefoniert, sagte Emmanuel Macron.", "de")
    (call,) = events_of(x, "CONSULT")
    assert name(x, call.source) == "Emmanuel Macron"
    assert {"Giorgia Meloni", "Andrzej Duda"} <= names(x, call.participants)


def test_talks_named_by_a_noun_take_the_clause_subject(run):
    x = run("Nach dem Treffen mit Außenminister Antony Blinken sagte Wang Yi, man wolle im Gespräch bleiben.", "de")
    (meeting,) = events_of(x, "CONSULT")
    assert {"Antony Blinken", "Wang Yi"} <= names(x, meeting.actors())
    assert meeting.mode == "meeting"


def test_a_separable_particle_belongs_to_its_own_verb(run):
    x = run("Antony Blinken telefonierte am Freitagabend mit drei Amtskollegen und mahnte die Rückkehr zu "
            "Gesprächen an.", "de")
    (call,) = events_of(x, "CONSULT")
    assert name(x, call.source) == "Antony Blinken"
    assert call.mode == "phone" and call.date == "2024-06-21"
    assert events_of(x, "REQUEST")


def test_a_meeting_that_did_not_happen_is_no_event(run):
    x = run("Zu einem Treffen zwischen Wladimir Putin und Wolodymyr Selenskyj kam es nicht.", "de")
    assert not events_of(x, "CONSULT")


def test_struck_by_a_missile_is_no_meeting(run):
    x = run("Die Stadt Charkiw wurde in der Nacht von einer russischen Rakete getroffen.", "de")
    assert not events_of(x, "CONSULT")


def test_a_visit_told_by_verb_and_noun_is_one_visit(run):
    x = run("Bundeskanzler Olaf Scholz hat am Montag den polnischen Ministerpräsidenten Donald Tusk zu einem "
            "Arbeitsbesuch in Berlin empfangen.", "de")
    (visit,) = events_of(x, "CONSULT")
    assert visit.mode == "visit"
    assert name(x, visit.source) == "Olaf Scholz" and name(x, visit.target) == "Donald Tusk"


def test_the_source_of_a_report_is_not_an_actor(run):
    x = run("Nach Angaben des Weißen Hauses lobte Kamala Harris die Solidarität Japans.", "de")
    (support,) = events_of(x, "SUPPORT")
    assert name(x, support.source) == "Kamala Harris"
    assert support.reported_by is not None and "Weiß" in name(x, support.reported_by)


def test_what_is_said_during_a_dated_call_takes_its_date(run):
    x = run("Olaf Scholz telefonierte am Montag mit Emmanuel Macron. "
            "Scholz betonte dabei, Europa müsse geschlossen handeln.", "de")
    (call,) = events_of(x, "CONSULT")
    said = [e for e in x.events if e.type != "CONSULT"]
    assert call.date == "2024-06-24"
    assert said and all(e.date == "2024-06-24" for e in said)


def test_a_mediator_is_the_broker():
    x = extract(Article(id="m", text="Katar vermittelte zwischen Israel und der Hamas.", language="de",
                        published=date(2024, 6, 26)))
    (mediation,) = events_of(x, "MEDIATE")
    assert name(x, mediation.mediator) == "Katar"
    assert mediation.mediator == mediation.source


def test_relative_dates_with_times_of_day_and_parts_of_months():
    published = date(2024, 6, 26)
    assert resolve_date("am Samstagabend", published, "de") == "2024-06-22"
    assert resolve_date("in der Nacht zu Sonntag", published, "de") == "2024-06-23"
    assert resolve_date("Anfang Juni", published, "de") == "2024-06"
    assert resolve_date("Ende November", published, "de") == "2023-11"
    assert resolve_date("seit Anfang Juni", published, "de") is None


def test_holding_someone_responsible_is_an_accusation(run):
    x = run("Die Regierung in Kiew machte Belarus für die Grenzverletzung verantwortlich.", "de")
    (accusation,) = events_of(x, "ACCUSE")
    assert name(x, accusation.target) == "Belarus"


def test_regretting_another_state_s_decision_is_blame(run):
    x = run("Olaf Scholz bedauerte die Entscheidung der polnischen Regierung.", "de")
    (blame,) = events_of(x, "ACCUSE")
    assert name(x, blame.source) == "Olaf Scholz" and name(x, blame.target) == "Polen"
    assert not events_of(x, "CONCEDE")


def test_calling_an_act_irresponsible_is_an_accusation(run):
    x = run("Annalena Baerbock nannte den Angriff des Iran unverantwortlich.", "de")
    assert events_of(x, "ACCUSE")
    assert not events_of(x, "STATEMENT")


def test_governments_in_two_capitals_take_sides(run):
    x = run("Die Regierungen in Lettland und Estland stellten sich hinter die Forderung nach neuen Sanktionen.", "de")
    (support,) = events_of(x, "SUPPORT")
    assert {"Lettland", "Estland"} <= names(x, support.actors())


def test_a_threatened_attack_is_not_an_attack(run):
    x = run("Wladimir Putin drohte am Montag, die Stadt Charkiw anzugreifen.", "de")
    assert events_of(x, "THREATEN")
    assert not events_of(x, "ASSAULT")


def test_announced_aid_is_aid_by_the_announcer(run):
    x = run("Joe Biden kündigte am Dienstag an, 31 Kampfpanzer an die Ukraine zu liefern.", "de")
    (aid,) = events_of(x, "AID")
    assert name(x, aid.source) == "Joe Biden" and name(x, aid.target) == "Ukraine"
    assert aid.quantity == 31
    assert not events_of(x, "STATEMENT")


def test_we_in_a_quote_is_the_speaker(run):
    x = run('"Wir fordern Serbien auf, die Truppen abzuziehen", sagte John Kirby.', "de")
    (request,) = events_of(x, "REQUEST")
    assert name(x, request.source) == "John Kirby" and name(x, request.target) == "Serbien"


def test_a_ministry_reporting_facts_makes_no_statement(run):
    x = run("Das Verteidigungsministerium in Moskau meldete, zwölf Drohnen seien abgefangen worden.", "de")
    assert not events_of(x, "STATEMENT")


def test_a_list_comma_before_a_new_clause_ends_the_clause(run):
    x = run("Olaf Scholz forderte auf X, Moskau und seine Helfer müssten die Bombardements beenden.", "de")
    (request,) = events_of(x, "REQUEST")
    assert name(x, request.source) == "Olaf Scholz"
    assert request.mode == "social_media"


def test_a_meeting_framing_a_demand_is_still_a_meeting(run):
    x = run("Olaf Scholz verlangte nach einem Treffen mit Xi Jinping am Montag ein Ende der Drohgebärden.", "de")
    (meeting,) = events_of(x, "CONSULT")
    assert {"Olaf Scholz", "Xi Jinping"} <= names(x, meeting.actors())
    assert events_of(x, "REQUEST")


def test_condemning_the_attack_targets_the_attacker_told_before(run):
    x = run("Russland hat die Hafenstadt Odessa mit Raketen angegriffen. "
            "Emmanuel Macron verurteilte den Angriff am Dienstag scharf.", "de")
    (condemnation,) = events_of(x, "ACCUSE")
    assert name(x, condemnation.source) == "Emmanuel Macron" and name(x, condemnation.target) == "Russland"


def test_a_relative_clause_does_not_hide_the_subject(run):
    x = run("Emmanuel Macron, der gerade Brasilien bereist, ließ durch einen Berater mitteilen, der Beschuss sei "
            "unverantwortlich.", "de")
    (accusation,) = events_of(x, "ACCUSE")
    assert name(x, accusation.source) == "Emmanuel Macron"


def test_announced_aid_in_the_future_tense_is_aid(run):
    x = run("Die EU-Kommission wird ihre Nothilfe für den Sudan um 20 Millionen Euro aufstocken.", "de")
    (aid,) = events_of(x, "AID")
    assert aid.quantity == 20_000_000


def test_present_tense_dates_and_weekdays_ahead():
    text = ("Bern, 02.09.2019 - Die Schweiz fordert eine sofortige Feuerpause. "
            "Am Freitag empfängt Bundespräsidentin Viola Amherd den Premierminister Indiens, Narendra Modi.")
    x = extract(Article(id="p", text=text, published=date(2019, 9, 2), language="de"))
    (request,) = events_of(x, "REQUEST")
    (visit,) = events_of(x, "CONSULT")
    assert request.date == "2019-09-02"
    assert visit.date == "2019-09-06"


def test_meetings_during_a_dated_visit_take_its_month(run):
    x = run("Olaf Scholz war am 3. und 4. Juni zu einem Besuch in Kanada. "
            "In Ottawa sprach Scholz ausführlich mit Justin Trudeau.", "de")
    meeting = next(e for e in events_of(x, "CONSULT") if e.mode == "meeting")
    assert meeting.date == "2024-06"


def test_spans_weekends_and_hours_later():
    published = date(2023, 10, 16)
    assert resolve_date("am 3. und 4. März 2026", published, "de") == "2026-03"
    assert resolve_date("am Wochenende", published, "de") == "2023-10"
    assert resolve_date("from June 10 to 12, 2025", published, "en") == "2025-06"


def test_hours_later_is_the_day_of_the_event_before(run):
    x = run("Olaf Scholz telefonierte am Montag mit Emmanuel Macron. "
            "Wenige Stunden später kündigte Joe Biden an, 31 Kampfpanzer an die Ukraine zu liefern.", "de")
    (aid,) = events_of(x, "AID")
    assert aid.date == "2024-06-24"


def test_a_date_in_a_subordinate_clause_dates_what_it_tells():
    text = "Olaf Scholz kritisierte die Entscheidung Polens, die Grenze am 31. Januar 2019 zu schließen."
    x = extract(Article(id="s", text=text, published=date(2019, 9, 2), language="de"))
    (criticism,) = events_of(x, "ACCUSE")
    assert criticism.date is None


def test_a_short_form_refers_to_the_organisation_named_before(run):
    x = run("Die EU-Kommission hat neue Mittel bereitgestellt. Die Kommission unterstützt die Reformen "
            "Georgiens ausdrücklich.", "de")
    (support,) = events_of(x, "SUPPORT")
    assert name(x, support.source) == "EU-Kommission" and name(x, support.target) == "Georgien"


def test_a_broker_without_sides_is_no_mediation(run):
    x = run("Die Rückführung der Kinder verlief unter Vermittlung der Vereinten Nationen.", "de")
    assert not events_of(x, "MEDIATE")


def test_a_demand_targets_the_actor_it_is_about(run):
    x = run("Olaf Scholz forderte am Montag, Russland müsse die Angriffe sofort einstellen.", "de")
    (request,) = events_of(x, "REQUEST")
    assert name(x, request.target) == "Russland"


def test_a_broadcaster_is_where_it_was_said_not_whom(run):
    x = run("Die Außenministerin Catherine Colonna wies den Vorwurf im Sender BFMTV zurück.", "de")
    (rejection,) = events_of(x, "REJECT")
    assert rejection.target is None or name(x, rejection.target) != "BFMTV"


def test_him_in_a_closing_report_is_the_writer(run):
    x = run("In einem Telefonat habe ihn Emmanuel Macron vorab unterrichtet, schrieb Olaf Scholz.", "de")
    (call,) = events_of(x, "CONSULT")
    assert {"Olaf Scholz", "Emmanuel Macron"} <= names(x, call.actors())
    assert call.mode == "phone"


def test_struck_by_a_missile_is_an_attack_on_the_place(run):
    x = run("Ein Krankenhaus in der Stadt Charkiw ist am Morgen von einer Drohne getroffen worden.", "de")
    (attack,) = events_of(x, "ASSAULT")
    assert attack.mode == "drone" and name(x, attack.target) == "Charkiw"


def test_meetings_with_two_people_are_two_meetings_but_a_call_stays_one(run):
    x = run("Olaf Scholz traf am Montag Emmanuel Macron und auch Giorgia Meloni. "
            "Joe Biden telefonierte am Dienstag mit Rishi Sunak und Justin Trudeau.", "de")
    meetings = [e for e in events_of(x, "CONSULT") if e.mode == "meeting"]
    calls = [e for e in events_of(x, "CONSULT") if e.mode == "phone"]
    assert sorted(name(x, m.target) for m in meetings) == ["Emmanuel Macron", "Giorgia Meloni"]
    assert len(calls) == 1 and {"Rishi Sunak", "Justin Trudeau"} <= names(x, calls[0].participants)


def test_names_in_an_apposition_before_the_verb_are_its_subject(run):
    x = run("Die Außenminister beider Länder, Ararat Mirsojan und Jeyhun Bayramov, waren am Freitag in Moskau "
            "zusammengekommen.", "de")
    (meeting,) = events_of(x, "CONSULT")
    assert {"Ararat Mirsojan", "Jeyhun Bayramov"} <= names(x, meeting.participants)
    assert "Moskau" not in names(x, meeting.participants)


def test_the_heaviest_attacks_since_the_war_began_happened_now(run):
    x = run("Die Ukraine ist von der heftigsten russischen Angriffswelle seit Beginn des Krieges "
            "getroffen worden.", "de")
    (attack,) = events_of(x, "ASSAULT")
    assert name(x, attack.target) == "Ukraine"


def test_das_hat_x_zugesagt_refers_back(run):
    x = run("Die EU stockt ihre Nothilfe für Moldau um zehn Millionen Euro auf. "
            "Das sagte Ursula von der Leyen am Montag zu.", "de")
    assert not events_of(x, "AGREE")
    assert events_of(x, "AID")


def test_a_state_is_not_the_target_of_its_own_leader(run):
    x = run("Joe Biden bekräftigte die Unterstützung der Vereinigten Staaten für Israel.", "de")
    (support,) = events_of(x, "SUPPORT")
    assert name(x, support.target) == "Israel"


def test_an_opening_frame_says_what_follows(run):
    x = run("Emmanuel Macron, der gerade Indien besucht, ließ mitteilen, der Angriff des Iran sei "
            "inakzeptabel.", "de")
    (accusation,) = events_of(x, "ACCUSE")
    assert name(x, accusation.source) == "Emmanuel Macron" and name(x, accusation.target) == "Iran"


def test_das_hat_x_am_wochenende_zugesagt_dates_the_event_before(run):
    x = run("Die EU-Kommission wird ihre Nothilfe für den Sudan um 20 Millionen Euro aufstocken. "
            "Dies kündigte Kaja Kallas am Wochenende an.", "de", published=date(2023, 10, 16))
    (aid,) = events_of(x, "AID")
    assert aid.date == "2023-10"


def test_parts_of_the_day_are_the_day_of_publication():
    assert resolve_date("am Nachmittag in einer Videokonferenz", date(2024, 4, 14), "de") == "2024-04-14"


def test_a_visit_named_in_an_apposition_sentence_dates_the_meetings_after_it(run):
    x = run("Berlin, 05.03.2025 — Olaf Scholz, Bundeskanzler Deutschlands, reiste am 3. und 4. März 2025 zu einem "
            "Besuch nach Kanada. In Ottawa sprach Scholz lange mit Justin Trudeau.", "de",
            published=date(2025, 3, 5))
    meeting = next(e for e in events_of(x, "CONSULT") if e.mode == "meeting")
    assert meeting.date == "2025-03"
    assert "Berlin" not in names(x, meeting.actors()) and "Deutschland" not in names(x, meeting.actors())


def test_a_number_with_a_full_stop_can_end_a_sentence(run):
    x = run("Schweden liefert Estland Schützenpanzer vom Typ CV 90. Zunächst würden acht Fahrzeuge übergeben, "
            "sagte ein Sprecher.", "de")
    (aid,) = events_of(x, "AID")
    assert name(x, aid.source) == "Schweden" and name(x, aid.target) == "Estland"


def test_a_verb_used_as_a_noun_triggers_too(run):
    x = run("Nordkorea habe sein Bedauern über die Explosion geäußert.", "de")
    assert events_of(x, "CONCEDE")
    assert not events_of(x, "STATEMENT")


def test_present_tense_acts_happen_on_the_day_of_the_report(run):
    x = run("Nach langem Streit liefert Schweden Estland Schützenpanzer.", "de")
    (aid,) = events_of(x, "AID")
    assert aid.date == "2024-06-26"


def test_a_relative_clause_dates_the_agreement_it_describes(run):
    x = run("Sie verwies auf den Vertrag zwischen Norwegen und Island, den beide Staaten am 3. Mai 2019 "
            "unterzeichnet hatten.", "de")
    agreement = events_of(x, "AGREE")
    assert agreement and agreement[0].date == "2019-05-03"


def test_names_with_particles_and_apostrophes_are_people(run):
    x = run("Olaf Scholz traf am Montag mit seinen Amtskollegen Nabil Ma’ruf und Riad al-Amri zusammen.", "de")
    meetings = events_of(x, "CONSULT")
    partners = {name(x, m.target) for m in meetings}
    assert partners == {"Nabil Ma’ruf", "Riad al-Amri"}
    assert "Saudi-Arabien" not in {e.name for e in x.entities}


def test_talks_of_his_with_a_president_and_a_minister(run):
    x = run("Olaf Scholz reiste nach Nairobi. Bei seinen Gesprächen mit Präsident William Ruto und "
            "Außenminister Musalia Mudavadi ging es um Handel.", "de")
    meetings = [e for e in events_of(x, "CONSULT") if e.mode == "meeting"]
    assert {name(x, m.target) for m in meetings} == {"William Ruto", "Musalia Mudavadi"}
    assert all(name(x, m.source) == "Olaf Scholz" for m in meetings)


def test_talks_during_an_occasion_told_before_take_its_date(run):
    x = run("Olaf Scholz hat heute an der Feier zur Eröffnung eines Hafens teilgenommen. "
            "Bei seinen Gesprächen mit Präsident William Ruto im Rahmen der Feier ging es um Energie.", "de")
    (meeting,) = events_of(x, "CONSULT")
    assert meeting.date == "2024-06-26"


def test_a_finite_verb_in_t_is_present_even_when_it_looks_like_a_participle(run):
    x = run("„Die EU-Kommission unterstützt das Recht Israels auf Selbstverteidigung.", "de")
    (support,) = events_of(x, "SUPPORT")
    assert support.date == "2024-06-26"


def test_a_name_after_a_word_for_a_place_is_a_place(run):
    x = run("Die russische Armee beschoss am Mittwoch Stellungen im Bezirk Pokrowsk mit Artillerie.", "de")
    (attack,) = events_of(x, "ASSAULT")
    assert name(x, attack.target) == "Pokrowsk" and attack.mode == "artillery"
    assert x.entity(attack.target).type == "GPE"


def test_his_regret_belongs_to_the_subject_not_to_the_reporter(run):
    x = run("Nordkorea habe sein Bedauern über die Explosion geäußert, teilte der Sicherheitsberater Kim Kwan Jin "
            "mit.", "de")
    (regret,) = events_of(x, "CONCEDE")
    assert name(x, regret.source) == "Nordkorea" and name(x, regret.reported_by) == "Kim Kwan Jin"


def test_a_threat_without_a_target_is_aimed_at_the_other_side(run):
    x = run("Nordkorea und Südkorea streiten seit Wochen. Südkorea warf Nordkorea Minenanschläge vor. "
            "Nordkorea bestritt das. Südkorea verlangte eine Entschuldigung. "
            "Nordkorea drohte mit militärischen Schlägen.", "de")
    threat = events_of(x, "THREATEN")[0]
    assert name(x, threat.source) == "Nordkorea" and name(x, threat.target) == "Südkorea"


def test_no_sides_are_guessed_when_no_two_states_dominate(run):
    x = run("Frankreich drohte mit Konsequenzen.", "de")
    (threat,) = events_of(x, "THREATEN")
    assert threat.target is None


def test_a_place_ending_in_s_is_not_a_genitive_before_the_object(run):
    x = run("Der französische Präsident Emmanuel Macron hat am Dienstag in Paris den chinesischen Staatschef "
            "Xi Jinping empfangen.", "de")
    (meeting,) = events_of(x, "CONSULT")
    assert name(x, meeting.source) == "Emmanuel Macron" and name(x, meeting.target) == "Xi Jinping"


def test_sanctions_imposed_with_a_verb_the_tagger_misreads(run):
    x = run("Die USA verhängten neue Sanktionen gegen iranische Unternehmen.", "de")
    (sanction,) = events_of(x, "SANCTION")
    assert name(x, sanction.source) == "USA"


def test_the_reporter_of_an_agreement_is_not_a_party_to_it(run):
    x = run("Israel und die Hamas haben sich auf eine Waffenruhe geeinigt, wie Katar mitteilte.", "de")
    (agreement,) = events_of(x, "AGREE")
    assert {"Israel", "Hamas"} <= names(x, agreement.participants)
    assert "Katar" not in names(x, agreement.participants) and agreement.target is None


def test_joint_brokers_and_the_sides_they_broker_between(run):
    x = run("Ägypten und Katar vermittelten zwischen Israel und der Hamas.", "de")
    (mediation,) = events_of(x, "MEDIATE")
    assert {"Ägypten", "Katar", "Israel", "Hamas"} <= names(x, mediation.participants)
    assert mediation.target is None


def test_the_visitor_is_the_first_subject_not_the_dative_after_it(run):
    x = run("Bei einem Besuch in Kiew sicherte Scholz der Ukraine weitere Unterstützung zu.", "de")
    visit = next(e for e in events_of(x, "CONSULT"))
    assert name(x, visit.source) == "Scholz"
    (promise,) = events_of(x, "AGREE")
    assert name(x, promise.target) == "Ukraine"


def test_a_joint_demand_has_no_source_and_its_speakers_are_not_its_target(run):
    x = run("In einer gemeinsamen Erklärung forderten Frankreich und Deutschland eine sofortige Waffenruhe.", "de")
    (request,) = events_of(x, "REQUEST")
    assert request.source is None and request.target is None
    assert {"Frankreich", "Deutschland"} <= names(x, request.participants)


def test_where_something_was_said_or_signed_is_not_its_target(run):
    x = run("Armenien und Aserbaidschan unterzeichneten in Washington ein Friedensabkommen. "
            "Peking kritisierte den Besuch des Dalai Lama in Washington scharf.", "de")
    assert all(e.target is None or name(x, e.target) != "Washington" for e in x.events)


def test_the_office_in_a_speaker_s_title_is_not_whom_he_answers(run):
    x = run("Der Kremlsprecher Dmitri Peskow bestritt, dass Russland Truppen an die Grenze verlegt habe.", "de")
    (denial,) = events_of(x, "REJECT")
    assert name(x, denial.source) == "Dmitri Peskow" and denial.target is None


def test_mutual_accusations_are_one_event_per_direction(run):
    x = run("Indien und Pakistan beschuldigten sich gegenseitig, die Waffenruhe gebrochen zu haben.", "de")
    directions = {(name(x, e.source), name(x, e.target)) for e in events_of(x, "ACCUSE")}
    assert directions == {("Indien", "Pakistan"), ("Pakistan", "Indien")}


def test_talks_that_are_to_be_continued_are_not_told_as_held(run):
    x = run("Die Gespräche zwischen Serbien und dem Kosovo sollen im Mai fortgesetzt werden.", "de")
    assert not events_of(x, "CONSULT")


def test_a_wire_dateline_is_not_an_actor_and_an_attributive_participle_no_event(run):
    x = run("Kairo - Kurz nach Beginn einer unter Vermittlung Katars vereinbarten Feuerpause werfen sich Israel und "
            "die Hamas gegenseitig Verstöße vor.", "de")
    assert not events_of(x, "AGREE")
    directions = {(name(x, e.source), name(x, e.target)) for e in events_of(x, "ACCUSE")}
    assert directions == {("Israel", "Hamas"), ("Hamas", "Israel")}


def test_a_ministry_speaks_for_its_state_so_one_accusation_is_told_once(run):
    x = run("Russland und die Ukraine werfen sich gegenseitig Angriffe vor. "
            "Das russische Verteidigungsministerium machte die Ukraine für den Beschuss verantwortlich.", "de")
    from_russia = [e for e in events_of(x, "ACCUSE") if name(x, e.target) == "Ukraine"]
    assert len(from_russia) == 1


def test_money_provided_is_aid(run):
    x = run("Die EU stellt der Republik Moldau weitere 100 Millionen Euro bereit.", "de")
    (aid,) = events_of(x, "AID")
    assert name(x, aid.source) == "EU" and aid.quantity == 100_000_000


def test_the_dative_of_an_infinitive_is_no_subject(run):
    x = run("Der Bundestag beschloss, der Ukraine zusätzliche Luftabwehrsysteme zu liefern.", "de")
    (aid,) = events_of(x, "AID")
    assert name(x, aid.source) == "Bundestag" and name(x, aid.target) == "Ukraine"


def test_being_ready_to_host_talks_is_an_offer(run):
    x = run("Die Regierung in Budapest erklärte sich bereit, die Gespräche auszurichten.", "de")
    (offer,) = events_of(x, "AGREE")
    assert name(x, offer.source) == "Ungarn"


def test_a_time_before_the_verb_is_not_a_missing_subject(run):
    x = run("Anfang März hatte Olaf Scholz den französischen Präsidenten in Paris besucht.", "de")
    (visit,) = events_of(x, "CONSULT")
    assert name(x, visit.source) == "Olaf Scholz" and visit.date == "2024-03"


def test_organisation_names_after_an_article_take_weak_endings(run):
    x = run("Der Europäische Rat verhängte Sanktionen gegen zwölf Oligarchen.", "de")
    (sanction,) = events_of(x, "SANCTION")
    assert x.entity(sanction.source).wikidata is not None or name(x, sanction.source) == "Europäischer Rat"


def test_no_plans_for_a_meeting_is_no_meeting(run):
    x = run("Ein Sprecher des Kremls sagte, es gebe keine Pläne für ein Treffen mit Joe Biden.", "de")
    assert not events_of(x, "CONSULT")


def test_an_attack_named_after_seit_is_background(run):
    x = run("Seit dem Angriff Russlands auf die Ukraine im Februar 2022 hat Deutschland Milliarden an Hilfe "
            "geleistet.", "de")
    assert not events_of(x, "ASSAULT")


def test_refusing_to_call_is_a_refusal_not_a_call(run):
    x = run("Olaf Scholz lehnte es ab, mit Wladimir Putin zu telefonieren.", "de")
    assert events_of(x, "REJECT") and not events_of(x, "CONSULT")


def test_a_word_cut_off_before_und_is_completed_from_the_next(run):
    x = run("Nord- und Südkorea vereinbarten am Montag eine Waffenruhe.", "de")
    (agreement,) = events_of(x, "AGREE")
    assert {"Nordkorea", "Südkorea"} <= names(x, agreement.participants)


def test_a_broker_named_in_the_sentence_is_the_mediator_not_a_side(run):
    x = run("Unter Vermittlung Omans tauschten Iran und Schweden am Samstag je zwei Häftlinge aus.", "de")
    (swap,) = events_of(x, "PRISONER_EXCHANGE")
    assert name(x, swap.mediator) == "Oman"
    assert names(x, swap.participants) == {"Iran", "Schweden"}


def test_a_brokering_told_afterwards_gives_the_talks_their_mediator(run):
    x = run("Vertreter Serbiens und des Kosovo verhandelten am Montag in Brüssel. "
            "Der EU-Sonderbeauftragte Miroslav Lajcak hatte die Gespräche vermittelt.", "de")
    (talks,) = events_of(x, "CONSULT")
    assert name(x, talks.mediator) == "Miroslav Lajcak"


def test_thanks_for_mediating_name_the_broker_of_the_exchange(run):
    x = run("Armenien und Aserbaidschan tauschten am Mittwoch Gefangene aus. "
            "Der armenische Regierungschef Nikol Paschinjan dankte Georgien fürs Vermitteln.", "de")
    (swap,) = events_of(x, "PRISONER_EXCHANGE")
    assert name(x, swap.mediator) == "Georgien"


def test_a_states_organ_under_its_genitive_acts_for_it(run):
    x = run("Norwegens Regierung verurteilte Belarus scharf.", "de")
    (accusation,) = events_of(x, "ACCUSE")
    assert name(x, accusation.source) == "Norwegen" and name(x, accusation.target) == "Belarus"
    x = run("Das estnische Parlament verurteilte Belarus.", "de")
    (accusation,) = events_of(x, "ACCUSE")
    assert name(x, accusation.source) == "Estland"


def test_readiness_to_retaliate_is_a_threat_readiness_to_host_an_offer(run):
    x = run("Estland ist bereit, gegen Belarus Sanktionen zu verhängen.", "de")
    assert events_of(x, "THREATEN") and not events_of(x, "AGREE")
    x = run("Norwegen ist bereit, Gespräche zwischen Serbien und dem Kosovo auszurichten.", "de")
    assert events_of(x, "AGREE") and not events_of(x, "THREATEN")


def test_saying_one_will_not_accept_is_a_rejection(run):
    x = run("Serbien erklärte, man werde den Vorschlag nicht akzeptieren.", "de")
    (rejection,) = events_of(x, "REJECT")
    assert name(x, rejection.source) == "Serbien"
