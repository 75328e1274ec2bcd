"""Lemmas: normalisation, readings, stop words, synonyms, derivation — each with real Russian."""

from __future__ import annotations

import pytest

from mapper.cache import cached_matcher

from mapper.lemmas import (Analyzer, content_lemmas, coordinated_stems, derive_action, derive_activity, derive_noun,
                           fix_lookalikes, is_person, lemma, load_language, normalize, stem, tokens, verb_of)


@pytest.fixture(scope="module")
def matcher_analyzer():
    """The analyzer of the bundled reference's matcher without borrowed notes: it knows the words of the
    official names, and these tests are about the words it does not know."""
    return cached_matcher(borrow_notes=False).analyzer


@pytest.mark.parametrize("text, expected", [
    ("Пр-во мебели", "производство мебели"),
    ("Разработка ПО", "разработка программное обеспечение"),
    ("Ремонт ЭВМ", "ремонт вычислительные машины"),
    ("с/х техника", "сельскохозяйственный техника"),
    ("Производство муз. инструментов", "производство музыкальных инструментов"),
    ("Литьё", "литье"),
    ("по договору", "по договору"),  # a lower-case «по» is a preposition, not software
    # in a line all in capitals, as registers write them, «ПО» before a word it may govern is the preposition
    ("УСЛУГИ ПО УБОРКЕ ПОМЕЩЕНИЙ", "услуги по уборке помещений"),
    ("РАЗРАБОТКА ПО", "разработка программное обеспечение"),  # nothing after it: software
    ("РАЗРАБОТКА ПО ДЛЯ БАНКОВ", "разработка программное обеспечение для банков"),  # no «по для»
    ("ПРОДАЖА ПО И ОБОРУДОВАНИЯ", "продажа программное обеспечение и оборудования"),
    ("ТО ЛИФТОВ", "техническое обслуживание лифтов"),  # no preposition: the abbreviation
    ("Электро-монтаж", "электрический монтаж"),  # a prefix before a hyphen: what it stands for (prefixes.txt)
    ("Мини-пекарня", "пекарня"),  # a part that says size only (compounds.txt): left out, not «минь»
    ("Супер-маркет", "супер-маркет"),  # not a size: супермаркет is a word of its own
    ("нефте- и газопроводы", "нефте- и газопроводы"),  # a hyphen before a space: the part of a later word
    # a first part left as it is says what the declined second part is: the head goes first
    ("Производство сэндвич-панелей", "производство панелей сэндвич"),
    ("Пресс-формы", "формы пресс"),
    ("в вагонах-цистернах", "в вагонах-цистернах"),  # both declined: both are the thing
    ("Диван-кровать", "диван-кровать"),  # … or both as they are
    # … unless the second is a place (places.txt), which a first part as it is qualifies: a клуб of гольф
    ("Гольф-клуб", "клуб гольф"),
    ("Вагон-ресторан", "ресторан вагон"),
    # an abbreviation before a hyphen qualifies the word after it, which heads: «профиля ПВХ»
    ("Производство ПВХ-профиля", "производство профиля поливинилхлорид"),
    ("LED-лампы", "лампы светодиодные"),
    # … and one of a material before a word says what the word is made of, as «из» would
    ("Изготовление ПВХ окон", "изготовление окон из поливинилхлорид"),
    ("Производство ПЭТ бутылок", "производство бутылок из полиэтилентерефталат"),
    ("ТО лифтов", "техническое обслуживание лифтов"),  # of no material: stays
    ("Пакеты п/э", "пакеты полиэтиленовой"),
    # «и т. д.», «и т. п.», with or without spaces and the last dot, say nothing (not «так», «далее»)
    ("бани, сауны и т. д.", "бани, сауны"),
    ("бани, сауны и т.д", "бани, сауны"),
    ("бани, сауны и т. п.", "бани, сауны"),
])
def test_normalize_expands_abbreviations_and_folds(text, expected):
    assert " ".join(normalize(text).split()) == expected


@pytest.mark.parametrize("word, expected", [
    ("стали", ("сталь", "NOUN")),  # steel, not the verb «стать»
    ("мыла", ("мыло", "NOUN")),
    ("литья", ("литье", "NOUN")),  # ё folded
    ("печатных", ("печатный", "ADJF")),
    ("из", ("из", "PREP")),
    # no activity is named after a person or a place: pymorphy3's first reading is a name, a surname or a place
    ("галлия", ("галлий", "NOUN")),  # not the name Галлия
    ("газы", ("газ", "NOUN")),  # not the place Газа
    ("самария", ("самарий", "NOUN")),  # … nor Самария
    ("белковых", ("белковый", "ADJF")),  # not the surname Белков
    ("полов", ("пол", "NOUN")),  # the floor: the same word as the name Пол, not «полова»
    ("токсикоманов", ("токсикоман", "NOUN")),  # no possessive «Токсикоманов» instead
    # a guess for a word the dictionary lacks that changes its stem by a known word at its end
    ("аутлет", ("аутлет", "NOUN")),  # not «аутгод», as if «лет» were of «год»
    ("термоуглей", ("термоуголь", "NOUN")),  # a stem that changes as «уголь» does stays
    # a noun as likely as a short adjective is the noun: no activity name says «тортов» of a «тортовый» thing
    ("тортов", ("торт", "NOUN")),
    ("судна", ("судно", "NOUN")),
    ("ковров", ("ковер", "NOUN")),  # … a noun that is no town («Ковров»)
    # an indeclinable noun, as written, as likely as any other reading: sushi, not суша (land) nor сушить
    ("суши", ("суши", "NOUN")),
    ("волоконно", ("волоконный", "ADJS")),  # … a dictionary word, not a guessed name
])
def test_lemma_prefers_the_reading_of_activity_names(word, expected):
    assert lemma(word) == expected


@pytest.mark.parametrize("word, first, expected", [
    ("управляем", True, ("управлять", "VERB")),  # a text opening with it says what we do
    ("управляем", False, ("управляемый", "ADJS")),  # within a text, as likely the short adjective
    ("роем", True, ("рыть", "VERB")),  # not a swarm in the instrumental: a text opens with no such case
    ("роем", False, ("рой", "NOUN")),
    ("косим", True, ("косить", "VERB")),  # not the man's name Косим
    ("кроем", True, ("крыть", "VERB")),
    ("мясом", True, ("мясо", "NOUN")),  # an oblique case with no verb to read stays the noun
])
def test_an_opening_word_of_the_first_person_plural_is_the_verb(word, first, expected):
    assert lemma(word, first) == expected


@pytest.mark.parametrize("text, lemmas", [
    ("Грузоперевозки по России", ["грузоперевозка"]),  # where, not what
    ("Производство мебели в Москве", ["производство", "мебель"]),
    ("Куры живые", ["кура", "живой"]),  # kept: pymorphy3 reads the river Кура too, but not only it
    ("Услуги колл-центра", ["услуга", "колл", "центр"]),  # a word of a synonym, not the place Колл
])
def test_place_names_are_not_content_words(text, lemmas):
    assert [w for w, *_ in Analyzer().lemmas(text)] == lemmas


@pytest.mark.parametrize("text, lemmas", [
    # pymorphy3 guesses «барист», «грумера»; the thesaurus has the word as written (persons-wiktionary.txt)
    ("Бариста", ["бариста"]),
    ("Услуги бариста", ["услуга", "бариста"]),
    ("Грумер", ["грумер"]),
    ("Сомелье", ["сомелье"]),  # a word the dictionary knows keeps its reading
])
def test_a_word_the_dictionary_lacks_and_the_thesaurus_has_is_its_own_lemma(text, lemmas):
    assert [w for w, *_ in Analyzer().lemmas(text)] == lemmas


@pytest.mark.parametrize("text, lemmas", [
    ("Ремонт квартир под ключ", ["ремонт", "квартира"]),  # turnkey: how, not keys
    ("Доставка обедов на дом", ["доставка", "обед"]),  # where the client is
    ("Ремонт холодильников с выездом", ["ремонт", "холодильник"]),
    ("Профили, полученные с помощью штамповки", ["профиль", "получить", "штамповка"]),  # by means of: no help
    ("Обработка при помощи ультразвука", ["обработка", "ультразвук"]),  # as «с помощью»
    ("Гостевые дома у моря", ["гостевой", "дом"]),  # where they are: no sea transport
    ("Психологическая помощь", ["психологический", "помощь"]),
    ("Связь на базе проводных технологий", ["связь", "проводной", "технология"]),  # built on, no base
    ("Нефтяная база", ["нефтяной", "база"]),
    ("Изготовление ключей", ["изготовление", "ключ"]),  # the noun without the preposition stays
    ("Строительство домов", ["строительство", "дом"]),
])
def test_idioms_of_stop_words_go_only_after_their_preposition(text, lemmas):
    assert [w for w, *_ in Analyzer().lemmas(text)] == lemmas


@pytest.mark.parametrize("text, first", [
    ("Суда рыболовного флота", "судно"),  # ships, not «суд» in the genitive
    ("Прессы гидравлические", "пресс"),  # not «пресса»
    ("Газы промышленные", "газ"),
    ("Стали легированные", "сталь"),
    ("Производство стали", "производство"),
    ("Вина столовые", "вино"),  # a plural product, not «вина» (guilt)
])
def test_a_text_opens_with_a_word_in_the_nominative(text, first):
    assert Analyzer().lemmas(text)[0][0] == first


@pytest.mark.parametrize("text, last", [
    ("Креветки мороженые", "мороженый"),  # frozen, agreeing with the noun: not ice cream
    ("Кружки пивные", "пивной"),  # not «пивная» (a pub)
    ("Жиры животные", "животный"),
    ("Продажа мороженого", "мороженое"),  # ice cream: it does not agree with «продажа»
    ("Мясо животных", "животное"),
    ("Морские животные", "животное"),  # after an adjective, the dictionary finds «животный» unlikely
    ("Домашние животные", "животное"),  # «домашние» may be a noun too, but is an adjective here
    ("Мужская парикмахерская", "парикмахерская"),  # after an adjective, a noun the dictionary finds likelier
    ("Школьная столовая", "столовая"),
    # plural, both readings agree: after an adjective that may be nothing else, the place («мужские» only qualifies)
    ("Мужские парикмахерские", "парикмахерская"),
    ("Ювелирные мастерские", "мастерская"),
    ("Головоногие мороженые", "мороженый"),  # a thing, not a place (feminine): frozen cephalopods, not ice creams
])
def test_an_adjective_after_its_noun_is_read_as_an_adjective(text, last):
    assert Analyzer().lemmas(text)[-1][0] == last


@pytest.mark.parametrize("text, word", [
    ("Деятельность столовых и буфетов", "столовая"),  # no noun to qualify, nor to agree with: canteens
    ("Шашлычная", "шашлычная"),  # a place, which the dictionary reads first as an adjective
    ("Кальянные", "кальянная"),  # … or as a participle (of «кальять»), the place being listed as a kind of bar
    ("Вина столовые", "столовый"),  # agrees with «вина»: table wine
    ("Столовые ложки", "столовый"),  # qualifies «ложки»
    ("Ножи столовые", "столовый"),
    ("Супы на первое", "первый"),  # the dictionary finds «первое» (a first course) unlikely: an adjective
    ("Легкое, почти невесомое покрывало", "легкий"),  # the dictionary finds «легкое» (a lung) unlikely
    ("Закусочная почти новая витрина", "закусочный"),  # an adverb comes between it and what it qualifies
])
def test_an_adjective_standing_alone_is_the_noun_it_stands_for(text, word):
    assert word in [w for w, *_ in Analyzer().lemmas(text)]


def test_a_noun_made_from_an_adjective_the_names_lack_is_read_by_its_adjective():
    # «булочная» (a bakery) no name has: as «булочный», made from «булка», a word of the names
    assert Analyzer(vocabulary={"булка": 3, "хлеб": 5}).analyze("Булочная").terms == ("булка",)


def test_the_nominative_reading_is_only_for_the_opening_word():
    assert [w for w, *_ in Analyzer().lemmas("Ремонт суда")] == ["ремонт", "суд"]


@pytest.mark.parametrize("text, head, stems", [
    ("Строительство кораблей, судов и плавучих конструкций", "корабль", {"корабл", "судн", "конструкц"}),
    ("Производство какао, шоколада и сахаристых кондитерских изделий", "какао", {"кака", "шоколад", "издел"}),
    ("Производство частей машин", "часть", {"част"}),  # the machines are what the parts are of
    # a preposition ends the list
    ("Производство автопогрузчиков и тягачей, используемых на железнодорожных платформах", "автопогрузчик",
     {"автопогрузчик", "тягач"}),
    ("Производство инструмента", None, set()),
])
def test_the_nouns_beside_a_head_are_what_a_name_makes_too(text, head, stems):
    assert coordinated_stems(text, head) == stems


@pytest.mark.parametrize("text, whole, head", [
    # a name or a note lists places as the things it is about: «бань» heads the list 96.04's note makes …
    ("Деятельность турецких бань, саун и парных, соляриев", False, "баня"),
    ("Деятельность массажных салонов", False, "салон"),
    # … a query's place names its action, and what else it says is its head
    ("Салон свадебных платьев", True, "платье"),
    ("Кафе на вокзале", True, None),
])
def test_a_place_heads_a_name_but_not_a_query(text, whole, head):
    assert Analyzer().analyze(text, whole=whole).head == head


@pytest.mark.parametrize("adjective, noun", [
    ("стальной", "сталь"),
    ("металлический", "металл"),
    ("мясной", "мясо"),
    ("бетонный", "бетон"),
    ("меховой", "мех"),
    ("текстильный", "текстиль"),
    ("оптический", "оптика"),
    ("химический", "химия"),
    ("бумажный", "бумага"),
    ("колбасный", "колбаса"),
    ("деревянный", "дерево"),
    ("пластмассовый", "пластмасса"),
    ("спортивный", "спорт"),
    ("мотоциклетный", "мотоцикл"),
    ("пакетный", "пакет"),  # the longer stem wins over «пак»
    ("игрушечный", "игрушка"),  # the fleeting vowel of «-ечн-», «-очн-» goes: игрушка, лодка
    ("лодочный", "лодка"),
    ("молочный", "молоко"),  # not «молка»
    ("алюминиевый", "алюминий"),  # «-иевый» of a noun in «-ий»
    ("циркониевый", "цирконий"),
    ("белковый", "белок"),  # «-ов-» drops the fleeting vowel: белок, свинец
    ("свинцовый", "свинец"),
    ("ножевой", "нож"),  # … and keeps the stem's consonant: not «нога»
    ("пчелиный", "пчела"),  # «-ин-» of animals
    ("кухонный", "кухня"),  # a vowel put before the stem's «н»: кухня, башня
    ("башенный", "башня"),
    ("районный", "район"),  # the longer stem wins over «райна»
    ("стекольный", "стекло"),  # a vowel the noun's stem lacks: стекло, игла, сукно
    ("игольный", "игла"),
    ("суконный", "сукно"),
    ("консервный", "консервы"),  # a noun only in the plural
    ("макаронный", "макароны"),
    ("часовой", "час"),  # … only when no other noun fits: «часов» is read as час
    ("банковский", "банк"),  # «-овский» of a noun with no ending: not «банка», a jar
    ("отцовский", "отец"),
    ("испытательный", "испытание"),  # «-тельный» of an action: the action's noun
    ("измерительный", "измерение"),  # … «-ительный» of «-ение»
    ("строительный", "строительство"),  # the longer stem wins over «строение»
])
def test_adjectives_are_linked_to_their_nouns_by_rule(adjective, noun):
    nouns = {"мотоцикл": 3, "пакет": 2, "пак": 1, "спорт": 4, "сталь": 5, "металл": 40, "мясо": 10, "бетон": 5, "бета": 1, "мех": 3, "бумага": 20, "дерево": 9,
             "пластмасса": 9, "молоко": 8, "текстиль": 6, "оптика": 1, "опт": 2, "химия": 3, "колбаса": 1,
             "игрушка": 2, "лодка": 1, "молка": 1, "алюминий": 4, "цирконий": 1, "белок": 1, "свинец": 2, "пчела": 1,
             "сок": 3, "радий": 1, "кухня": 2, "башня": 1, "район": 3, "райна": 1, "стекло": 9, "игла": 1,
             "сукно": 1, "консервы": 2, "макароны": 1, "час": 5, "часы": 1, "банк": 2, "банка": 3,
             "отец": 1, "нож": 2, "нога": 3, "испытание": 2, "измерение": 3, "строительство": 9, "строение": 1}
    assert derive_noun(adjective, nouns) == noun


@pytest.mark.parametrize("agent, nouns, activity", [
    ("сварщик", {"сварка", "свара"}, "сварка"),  # the endings in their order: «-ка» before «-а»
    ("охранник", {"охрана"}, "охрана"),
    ("плиточник", {"плитка"}, "плитка"),  # плиточ- → плитк-
    ("кровельщик", {"кровля"}, "кровля"),  # кровель- → кровл-
    ("крановщик", {"кран", "крановый"}, "кран"),  # «-овщик» before «-щик»
    ("организатор", {"организация"}, "организация"),
    ("аудитор", {"аудит"}, "аудит"),
    ("логист", {"логистика"}, "логистика"),
    ("переводчик", {"перевод"}, "перевод"),
    ("переводчица", {"перевод"}, "перевод"),  # a woman's «-чица», as «-чик»
    ("сварщица", {"сварка", "свара"}, "сварка"),  # … and «-щица», as «-щик»
    ("механик", {"техника"}, None),  # no noun of the reference is «меха-» + an ending
    ("фотограф", {"фотография", "фото"}, "фотография"),  # no suffix: named after the field
    ("бухгалтер", {"бухгалтерский"}, "бухгалтерский"),
    ("парикмахер", {"парикмахерская"}, "парикмахерская"),
])
def test_agent_nouns_are_read_as_their_activity(agent, nouns, activity):
    assert derive_activity(agent, nouns, load_language().agents) == activity


@pytest.mark.parametrize("verb, nouns, noun", [
    ("коптить", {"копчение"}, "копчение"),  # т → ч before «-ение»
    ("выращивать", {"выращивание"}, "выращивание"),
    ("сушить", {"сушка"}, "сушка"),
    ("ловить", {"ловля"}, "ловля"),  # в → вл
    ("ремонтировать", {"ремонт", "ремонтирование"}, "ремонтирование"),
    ("ремонтировать", {"ремонт"}, "ремонт"),
    ("перевозить", {"перевозка"}, "перевозка"),
    ("печь", {"выпечка"}, None),  # no rule: reference/synonyms.txt says it
    # an imperfective's noun is its perfective's: а → о in the root, the «л» after «в» dropped, ш → с
    ("перерабатывать", {"переработка"}, "переработка"),
    ("изготавливать", {"изготовление"}, "изготовление"),
    ("заготавливать", {"заготовка"}, "заготовка"),
    ("окрашивать", {"окраска"}, "окраска"),
    ("упаковывать", {"упаковка"}, "упаковка"),
    ("добывать", {"добыча"}, None),  # no rule: reference/synonyms.txt says it
    # «-авать» keeps the root's noun: издавать → издание, преподавать → преподавание
    ("издавать", {"издание"}, "издание"),
    ("преподавать", {"преподавание"}, "преподавание"),
    ("создавать", {"создавка", "создание"}, "создание"),
    # borrowed verbs: «-ировать» → «-ация», «-аж», «-ировка», «-а»; «-изировать», «-ифицировать» likewise
    ("утилизировать", {"утилизация"}, "утилизация"),
    ("газифицировать", {"газификация"}, "газификация"),
    ("реставрировать", {"реставрация"}, "реставрация"),
    ("транслировать", {"трансляция"}, "трансляция"),  # л + «-яция»
    ("демонтировать", {"демонтаж"}, "демонтаж"),
    ("рекламировать", {"реклама"}, "реклама"),
    ("арендовать", {"аренда"}, "аренда"),
    ("штамповать", {"штамповка"}, "штамповка"),
    ("публиковать", {"публикация"}, "публикация"),
    ("налаживать", {"наладка", "наложение"}, "наладка"),  # ж → д, not «наложение» of «налагать»
    ("вышивать", {"вышивка", "вышка"}, "вышивка"),  # the imperfective's own «-ивка», not a tower
    ("сопровождать", {"сопровождение"}, "сопровождение"),
    ("внедрять", {"внедрение"}, "внедрение"),
    ("обогатить", {"обогащение"}, "обогащение"),  # т → щ
    ("освободить", {"освобождение"}, "освобождение"),  # д → жд
])
def test_verbs_are_read_as_their_action_noun(verb, nouns, noun):
    assert derive_action(verb, nouns) == noun


@pytest.mark.parametrize("adjective, verb", [
    ("обогатительный", "обогатить"), ("испытательный", "испытать"),  # «-тельный»
    ("прядильный", "прядить"), ("красильный", "красить"), ("сушильный", "сушить"),  # a vowel, then «-льный»
    ("печальный", None),  # «печать» is a noun
    ("специальный", None), ("кирпичный", None), ("литейный", None),
])
def test_an_adjective_of_an_action_is_made_from_its_verb(adjective, verb):
    assert verb_of(adjective) == verb


@pytest.mark.parametrize("text, has, lacks", [
    ("Прядильная фабрика", {"прядение"}, {"прядильный"}),  # a works does what its adjective's verb says
    ("Красильный цех", {"крашение"}, {"красильный"}),
    ("Прядильное производство", {"прядение"}, {"прядильный"}),
    ("Кирпичный завод", {"кирпич", "производство"}, set()),  # an adjective of a thing: the works makes it
    ("Прядильные машины", {"прядильный"}, {"прядение"}),  # a machine is no works: what it is for stays
    ("Строительное производство", {"строительство"}, {"строение"}),  # an action already: not its verb's «строение»
])
def test_a_works_does_what_its_adjective_of_an_action_says(matcher_analyzer, text, has, lacks):
    terms = set(matcher_analyzer.analyze(text).terms)
    assert has <= terms and not lacks & terms


@pytest.mark.parametrize("text, has, lacks", [
    ("Выращиваем огурцы", {"выращивание"}, {"выращивать"}),  # «выращиваем»: a short participle to pymorphy3
    ("Ремонтируем телевизоры", {"ремонт"}, {"ремонтировать"}),
    ("Строим бани", {"строительство"}, {"строение"}),  # no rule reaches it: synonyms.txt
])
def test_a_verb_names_its_action(matcher_analyzer, text, has, lacks):
    analysis = matcher_analyzer.analyze(text)
    assert has <= set(analysis.terms) and not lacks & set(analysis.terms)


@pytest.mark.parametrize("noun, person", [
    ("сварщик", True), ("охранник", True), ("телефонист", True),
    ("нейтрализатор", False), ("воротник", False), ("баллончик", False),
    ("разгрузчик", False),  # a worker or a machine: not read as a person
])
def test_is_person(noun, person):
    assert is_person(noun) is person


@pytest.mark.parametrize("text, has, lacks", [
    ("Услуги охранника", {"охрана", "услуга"}, {"охранник"}),
    ("Нейтрализатор выхлопных газов", set(), {"нейтрализация", "услуга"}),  # a machine, not a person's work
    ("Разгрузчик зерна", set(), {"разгрузка", "услуга"}),
])
def test_a_persons_work_is_a_service_of_the_activity(matcher_analyzer, text, has, lacks):
    terms = set(matcher_analyzer.analyze(text).terms)
    assert has <= terms and not lacks & terms


@pytest.mark.parametrize("text, has, lacks", [
    ("Моем машины", {"мойка", "машина"}, {"мой"}),  # a text opens with мыть, not with the pronoun
    ("Моем окна", {"чистка", "окно"}, {"мой", "мойка"}),  # windows washed are cleaned (senses.txt)
    ("Мой дом", {"дом"}, {"мойка", "мой"}),  # an imperative is no activity; whose it is says nothing
    ("Наша фирма продаёт кирпич", {"торговля", "кирпич"}, {"наш"}),
    ("Кладём плитку", {"укладка", "плитка"}, {"класть"}),  # verbs no rule of derivation reads (synonyms.txt)
    ("Чистим ковры", {"чистка", "ковер"}, {"чистить"}),
    ("Делаем мебель", {"мебель"}, {"делать", "производство"}),  # a light verb: the activity is in the rest
    ("Учим английскому", {"обучение"}, {"учение", "учить"}),  # not drill (synonyms.txt)
    ("Ухаживаем за пожилыми", {"уход"}, {"ухаживать"}),
    ("Штукатурим фасады", {"штукатурный", "работа"}, {"штукатурить"}),
    ("Проводим семинары", {"семинар"}, {"проводка", "проводить"}),  # a light verb, not the wiring by rule
    ("Белим стены", {"малярный", "работа"}, {"белка"}),  # … nor a squirrel
    ("Льём алюминий", {"литье", "алюминий"}, {"лить"}),
    ("Прокладываем кабель", {"прокладка", "кабель"}, {"прокладывание"}),
    ("Держим пекарню", {"хлеб"}, {"держать"}),  # who keeps a business says nothing of what it does
    ("Копаем траншеи", {"рытье", "траншея"}, {"копать"}),
    ("Разбираем двигатели", {"разборка"}, {"разбирать"}),
    ("Переплетаем дипломы", {"переплет"}, {"переплетение"}),  # books bound, not threads interlaced
    ("Заправляем картриджи", {"заправка", "картридж"}, {"заправлять"}),
    ("Косим траву", {"покос", "трава"}, {"кошка"}),  # mown, not a cat by rule
    ("Кроем крыши", {"кровельный", "работа"}, {"крыть"}),
    ("Ремонтируем квартиры", {"отделка", "работа"}, {"ремонтировать", "квартира"}),  # as «ремонт квартир» reads
    # a verb's sense by what it is done to (senses.txt)
    ("Ставим мюзиклы", {"постановка"}, {"установка"}),
    ("Ставим заборы", {"установка"}, {"постановка"}),
    ("Точим валы и втулки", {"механический", "обработка"}, {"заточка"}),
    ("Точим ножи", {"заточка"}, {"обработка"}),
    ("Готовим к олимпиадам", {"подготовка"}, {"приготовление"}),
    ("Готовим ужины", {"приготовление"}, {"подготовка"}),
    ("Снимаем сериалы", {"производство", "кинофильм"}, {"снимка"}),
    ("Тянем кабель", {"прокладка", "кабель"}, {"тянуть"}),  # a cable pulled is laid
    ("Тянем проволоку", {"тянуть", "проволока"}, {"прокладка"}),  # … wire is drawn
    # what I do, as the self-employed write it: not a crush, a treasure nor a girl's name
    ("Крашу автомобили", {"ремонт", "кузов"}, {"краш"}),
    ("Кладу плитку", {"укладка", "плитка"}, {"клад"}),
    ("Варю мыло", {"производство", "мыло"}, {"варя"}),
])
def test_a_company_saying_what_it_does_is_read_by_its_verbs_action(matcher_analyzer, text, has, lacks):
    terms = set(matcher_analyzer.analyze(text, whole=True).terms)
    assert has <= terms and not lacks & terms


@pytest.mark.parametrize("text, whole, actions", [
    ("Проектируем мосты", True, ("услуги",)),  # a query that opens with a verb does something
    ("Проектируем мосты", False, ()),  # … not so an item of a note
    ("Делаем мебель", True, ()),  # a light verb (stopwords.txt): the furniture is made, a product
    ("Печём хлеб", True, ("производство",)),  # a verb whose noun names its action (actions.txt) keeps it
])
def test_a_query_that_opens_with_a_verb_does_something(matcher_analyzer, text, whole, actions):
    assert matcher_analyzer.analyze(text, whole=whole).actions == actions


@pytest.mark.parametrize("text, actions, purpose", [
    # a participle in the present, active, before a thing says what the thing does, not what the text does
    ("Чистящие средства", (), {"чистка"}),
    ("Полирующие пасты", (), {"полирование"}),
    ("Добывающая компания", ("производство",), set()),  # … before a word for a company, what the company does
    ("Выделанные шкурки", ("производство",), set()),  # a participle of what was done to it: made so (выделка)
    ("Оборудование для переработки мяса", (), {"переработка", "мясо"}),  # what it is for is no action of the text
])
def test_a_participle_before_a_thing_says_what_the_thing_is_for(matcher_analyzer, text, actions, purpose):
    analysis = matcher_analyzer.analyze(text, whole=True)
    assert (analysis.actions, analysis.purpose) == (actions, purpose), analysis


@pytest.mark.parametrize("text, has, lacks", [
    ("Открытие кофейни", {"ресторан"}, {"открытие"}),  # a project's word before an enterprise (projects.txt)
    ("Создание тепличного хозяйства", {"хозяйство"}, {"создание"}),
    ("Организация производства мороженого", {"производство", "мороженое"}, {"организация", "мороженый"}),
    ("Реконструкция молокозавода", {"молоко", "производство"}, {"реконструкция"}),
    ("Открытие пельменной в центре", {"пельменная"}, {"открытие", "пельменный"}),  # a place in any case
    ("Сеть аптек", {"аптека"}, {"сеть"}),  # a chain
    ("Создание сайтов", {"создание", "сайт"}, set()),  # before anything else it is what it says
    ("Организация мероприятий", {"организация", "мероприятие"}, set()),
    ("Запуск ракет", {"запуск", "ракета"}, set()),
    ("Сеть передачи данных", {"сеть", "передача"}, set()),
    ("Вызов электрика на дом", set(), {"вызов", "электрика"}),  # before a person who works, of that person
    # how much and how big (quantities.txt); what a unit measures stays, a number alone too
    ("Пекарня, 2 т продукции в сутки", {"хлеб", "продукция"}, {"2", "так", "сутки"}),
    ("Швейный цех на 40 машин", {"швейный"}, {"40", "машина"}),
    ("Выпуск черепицы — до 500 тыс. кв. м в год", {"черепица"}, {"500", "тыс", "кв", "год"}),
    ("Элеватор на 50 тыс. т зерна", {"зерно"}, {"50", "тыс", "так"}),
    ("Переработка молока, мощность 50 т в сутки", {"молоко", "переработка"}, {"мощность", "сутки"}),
    ("Выращивание картофеля на площади 300 га", {"картофель"}, {"площадь", "300", "га"}),
    ("Бензин с октановым числом не менее 92", {"бензин", "92"}, set()),
])
def test_a_project_or_a_size_says_nothing_of_the_activity(matcher_analyzer, text, has, lacks):
    terms = set(matcher_analyzer.analyze(text).terms)
    assert has <= terms and not lacks & terms, terms


@pytest.mark.parametrize("text, actions", [
    ("нотариус", ("услуги",)),  # persons-wiktionary.txt: a person by trade asks for a service
    ("ветеринар", ("услуги",)),  # persons.txt: one the dictionary's thesaurus lacks
    ("Адвокат по уголовным делам", ("услуги",)),
    ("Кролики живые", ()),  # animals are not persons, though animate
    ("Телята мясного скота", ()),
    ("Производители мебели", ("производство",)),  # a person named after an action keeps it (synonyms.txt)
    ("Продавец цветов", ("торговля",)),
    # a science is practised for others, no product made (the thesaurus says what is a kind of наука)
    ("Геофизика", ("услуги",)),
    ("Юриспруденция", ("услуги",)),
    ("Геофизические приборы", ()),  # the adjective of one says no action
])
def test_a_person_by_trade_asks_for_a_service(matcher_analyzer, text, actions):
    assert matcher_analyzer.analyze(text).actions == actions


@pytest.mark.parametrize("adjective", ["сырой", "прочий", "готовый", "специальный", "общий", "новый", "мобильный",
                                       "оптический", "скальный", "радиальный"])  # not «сок», not «радий»
def test_adjectives_without_a_noun_stay(adjective):
    assert derive_noun(adjective, {"сыр": 3, "специя": 1, "готика": 1, "новь": 1, "мобильник": 1, "опт": 1, "сок": 1,
                                   "радий": 1}) is None


@pytest.mark.parametrize("text, stray", [
    ("Крупный рогатый скот", "крупа"),
    ("Двигатели судовые", "суд"),
    ("Кислоты органические", "орган"),
    ("Приборы оптические", "оптовый"),
    ("Масла эфирные натуральные", "эфир"),  # essential oils are not ethers (20.14.6 «простых эфиров»)
])
def test_look_alike_adjectives_keep_away_from_unrelated_nouns(matcher_analyzer, text, stray):
    assert stray not in matcher_analyzer.analyze(text).terms


@pytest.mark.parametrize("words, text, terms", [
    # notes say «может быть»: a verb is no noun an adjective is made from
    ({"быть": 40, "ремонт": 9, "прибор": 5}, "Ремонт бытовых приборов", ("ремонт", "бытовой", "прибор")),
    ({"печь": 4, "ремонт": 9}, "Ремонт печных труб", ("ремонт", "печь", "труба")),  # a stove is a noun too
])
def test_an_adjective_is_not_read_as_a_verb_of_the_vocabulary(words, text, terms):
    assert Analyzer(vocabulary=words).analyze(text).terms == terms


@pytest.mark.parametrize("text, terms", [
    ("Рыба отряда окунеобразных живая", ("рыба", "окунеобразный", "живой")),
    ("Разведение прочих животных семейства лошадиных", ("разведение", "прочий", "животное", "лошадиный")),
])
def test_ranks_of_biology_are_stop_words(text, terms):
    assert Analyzer().analyze(text).terms == terms


@pytest.mark.parametrize("text, terms", [
    ("Патентное бюро", ("патентный",)),
    ("Юридическая контора", ("право",)),  # «юридический» is of law (senses.txt)
    ("Кадровое агентство", ("кадровый", "агентство")),  # «рекламных агентств» names 73.11: a word that counts
])
def test_words_for_an_organisation_say_nothing_of_its_activity(text, terms):
    assert Analyzer().analyze(text).terms == terms


@pytest.mark.parametrize("text, has, lacks", [
    ("Автозаправка на трассе", {"торговля", "моторный", "топливо"}, set()),  # a filling station sells fuel
    ("Бензоколонка", {"торговля", "моторный", "топливо"}, set()),
    ("Ремонт авто", {"ремонт", "автотранспортный", "средство"}, {"авто"}),  # «авто» is a motor vehicle
    ("Перевозка мебели для юридических лиц", {"лицо"}, {"юридический"}),  # a legal entity: nothing of law
    ("Заправка картриджей", {"картридж"}, {"торговля", "топливо"}),  # «заправка» alone refills anything
    ("Производство лакокрасочных материалов", {"лак", "краска"}, {"лакокрасочный"}),
    ("Инжиниринговые услуги", {"инженерный", "проектирование"}, set()),
    ("Кожевенное производство", {"кожаный"}, {"кожевенный"}),  # which a matcher reads as кожа
    ("Интернет-торговля", {"торговля", "розничный", "сеть", "интернет"}, set()),
    ("Супермаркет", {"неспециализированный", "магазин"}, {"супермаркет"}),
    ("Носки шерстяные", {"носок"}, {"носка"}),  # pymorphy3 reads «носки» as «носка», wearing
])
def test_everyday_words_are_said_as_the_names_say_them(text, has, lacks):
    terms = set(Analyzer().analyze(text).terms)
    assert has <= terms and not lacks & terms


@pytest.mark.parametrize("text, has, lacks", [
    ("Выращиваем зелень на продажу", {"выращивание", "зелень"}, {"торговля"}),  # grown to be sold: growing
    ("Разведение кроликов для продажи", {"разведение", "кролик"}, {"торговля"}),
    ("Шьем сумки под реализацию", {"сумка"}, {"торговля", "реализация"}),
    ("Продажа овощей на рынке", {"торговля", "овощ"}, set()),  # selling itself is trade
    ("Производство и продажа мебели", {"производство", "торговля"}, set()),
    ("Стеллажи для магазинов", {"стеллаж", "магазин"}, set()),  # a place of trade stays
    ("Оборудование для аптек", {"аптека"}, set()),
])
def test_made_for_sale_is_not_trade(matcher_analyzer, text, has, lacks):
    terms = set(matcher_analyzer.analyze(text).terms)
    assert has <= terms and not lacks & terms


def test_language_data_comes_from_reference_files():
    language = load_language()
    assert "для" in language.stopwords
    assert (("изготовление",), ("производство",)) in language.synonyms
    assert language.actions["торговля"] == "торговля"
    assert "изделие" in language.generic
    assert "изделие" in language.any_product
    assert language.repairs["27.5"] == language.repairs["28.25.12"] == "95.22"


@pytest.mark.parametrize("text", ["Торговля оптовая мебелью за вознаграждение или на договорной основе",
                                  "Торговля оптовая мебелью на договорной основе",
                                  "Торговля оптовая мебелью за вознаграждение"])
def test_trade_for_a_fee_or_by_contract_is_what_agents_do(text):
    assert Analyzer().analyze(text).terms == ("торговля", "оптовый", "мебель", "агент")


def test_wheeled_vehicles_are_motor_vehicles():
    # «колёсные транспортные средства», the term of the technical regulations, are road vehicles
    terms = Analyzer().analyze("Системы управления колесных транспортных средств").terms
    assert terms == ("система", "управление", "автотранспортный", "средство")


def test_hypernyms_are_data():
    language = load_language()
    assert language.hypernyms["полиэтилен"] == (("пластмасса",),)
    assert language.hypernyms["чугун"] == (("черный", "металл"),)
    assert language.hypernyms["теленок"] == (("крупный", "рогатый", "скот"),)  # a farm animal by its age
    assert language.hypernyms["горчица"] == (("масличный", "культура"),)  # an oilseed crop, as 01.11 says
    assert language.hypernyms["снеток"] == (("пресноводный", "рыба"),)  # caught in lakes: 03.12, not 03.11
    assert language.hypernyms["нерка"] == (("пресноводный", "рыба"),)  # a salmon: spawns in rivers
    broader = dict(Analyzer().analyze("Кефир и ряженка").broader)
    # … in the wording the names are read in: «молочная продукция» (10.5), not «продукт»
    assert broader == {"кефир": (("молочный", "продукция"),), "ряженка": (("молочный", "продукция"),)}


@pytest.mark.parametrize("text, has, lacks", [
    ("Рабочая одежда", {"специальный", "одежда"}, {"рабочий"}),  # work wear is спецодежда (synonyms.txt)
    # «продукты» named as the only thing sold or made are food (senses.txt «*»); said of what, they are what is made
    ("Торговля продуктами", {"пища", "продукция"}, {"продукт"}),
    ("Производство продуктов", {"пища", "продукция"}, {"продукт"}),
    ("Продукты из рыбы", {"продукция", "рыба"}, {"пища", "продукт"}),
    ("Торговля химическими продуктами", {"продукция", "химический"}, {"пища", "продукт"}),
])
def test_words_of_a_query_are_read_in_the_names_wording(matcher_analyzer, text, has, lacks):
    terms = set(matcher_analyzer.analyze(text, whole=True).terms)
    assert has <= terms and not lacks & terms, terms


@pytest.mark.parametrize("element, kind", [
    ("иттрий", ("неорганический", "химический", "вещество")),
    ("иттербий", ("цветной", "металл")),
    ("родий", ("драгоценный", "металл")),
    ("аргон", ("промышленный", "газ")),
])
def test_chemical_elements_are_known_by_the_periodic_table(element, kind):
    language = load_language()
    assert kind in language.hypernyms[element] and element in language.curated_hypernyms


@pytest.mark.parametrize("element", ["литий", "цезий", "барий"])
def test_alkali_and_alkaline_earth_metals_are_chemicals_not_non_ferrous_metals(element):
    kinds = load_language().hypernyms[element]
    assert ("неорганический", "химический", "вещество") in kinds and ("цветной", "металл") not in kinds


@pytest.mark.parametrize("text, word, kind", [
    ("Гексанолы", "гексанол", "органический"),  # an alcohol
    ("Бифенилен", "бифенилен", "органический"),  # an arene
    ("Дидецилортофталаты", "дидецилортофталат", "органический"),  # an ester of phthalic acid
    ("Гидроксиды кобальта", "гидроксид", "неорганический"),
])
def test_chemical_nomenclature_says_what_a_substance_is(matcher_analyzer, text, word, kind):
    kinds = dict(matcher_analyzer.analyze(text).broader)[word]
    assert kinds == ((kind, "химический", "вещество"),)


@pytest.mark.parametrize("text", ["Габброиды", "Сперматоциды", "Кардиганы", "Рассол", "Приборы офтальмологические"])
def test_words_that_only_end_like_substances_are_not_taken_for_them(matcher_analyzer, text):
    assert not any(kind[0] in ("органический", "неорганический")
                   for _, kinds in matcher_analyzer.analyze(text).broader for kind in kinds)


@pytest.mark.parametrize("text, sense", [
    ("Соли церия", True),  # церий is a chemical substance: these are compounds
    ("Соли янтарной кислоты", True),
    ("Соль поваренная", False),  # table salt
    ("Добыча соли", False),  # its own kind («соединение») is not its company
])
def test_a_word_takes_the_sense_its_company_gives_it(matcher_analyzer, text, sense):
    result = matcher_analyzer.analyze(text)
    assert ("соль" not in result.terms and "соединение" in result.terms) is sense
    assert any(note.startswith("соль →") and "(по контексту)" in note for note in result.notes) is sense


@pytest.mark.parametrize("text, terms", [
    ("Перевозка пассажиров морскими судами", ("перевозка", "пассажир", "морской", "судно")),  # «судами»: vessels
    ("Речные суда с экипажем", ("внутренний", "вода", "судно", "экипаж")),  # «речные» of inland waters
    ("Ремонт судна", ("ремонт", "судно")),  # «судна» is no short adjective «судный»
    ("Решения районного суда", ("решение", "район", "суд")),  # a court stays a court
    ("Речной песок", ("речной", "песок")),  # sand, not a way of carrying
])
def test_vessels_and_rivers_are_read_as_carrying_texts_mean_them(matcher_analyzer, text, terms):
    assert matcher_analyzer.analyze(text).terms == terms


@pytest.mark.parametrize("text, lemmas", [
    ("Услуги механика", ["услуга", "механик"]),  # a mechanic's services, not mechanics («механика»)
    ("Услуги техника", ["услуга", "техник"]),
    ("Механика и электрика", ["механика", "электрика"]),  # no action before them: the things
    ("Торговля техникой", ["торговля", "техника"]),  # not in the genitive
])
def test_someone_after_a_service_is_in_the_genitive(text, lemmas):
    assert [w for w, *_ in content_lemmas(text, load_language())] == lemmas


@pytest.mark.parametrize("text, action", [
    ("Строительный магазин", "торговля"),  # a shop after an adjective: it sells building goods
    ("Ремонтная мастерская", "ремонт"),
    ("Ремонт в автосервисе", "ремонт"),  # an action named first stays first
    ("Строительство магазина", "строительство"),
])
def test_a_place_after_an_adjective_names_the_texts_action(matcher_analyzer, text, action):
    assert matcher_analyzer.analyze(text).actions[0] == action


@pytest.mark.parametrize("text, actions, terms", [
    ("Охранное предприятие", ("услуги",), ("охрана",)),  # it guards: it makes no «охранный» thing
    ("Медицинское учреждение", ("услуги",), ("медицина",)),
    ("Здания предприятий торговли", (), ("здание", "торговля")),  # a product: buildings
    ("Оборудование для мукомольных предприятий", (), ("оборудование", "мукомольный")),  # what it is for
])
def test_an_organisation_names_a_service_and_no_term(matcher_analyzer, text, actions, terms):
    analysis = matcher_analyzer.analyze(text)
    assert (analysis.actions, analysis.terms) == (actions, terms)


@pytest.mark.parametrize("text, actions", [
    ("Кафе на заводе", ("услуги",)),  # where it is done: the works names no making
    ("Услуги в горнодобывающем производстве", ("услуги",)),  # services to mining, not mining
    ("Магазин при пекарне", ("торговля",)),
    ("Ремонт обуви в мастерской", ("ремонт",)),
    ("Производство мебели в цехе", ("производство",)),
    ("Продажа запчастей в автосервисе", ("торговля",)),
    ("Производство на заказ", ("производство",)),  # «на» with the accusative says no place
    # what goes with it names none either: a restaurant serves, it does not repair
    ("Деятельность ресторанов с полным обслуживанием", ("услуги",)),
    ("Аренда автомобилей с водителем", ("аренда",)),
    ("Деятельность, связанная с перевозками", ("перевозка", "услуги")),  # what it is about does
    ("Ремонт с заменой деталей", ("ремонт",)),
])
def test_where_it_is_done_names_no_action_after_one(matcher_analyzer, text, actions):
    assert matcher_analyzer.analyze(text).actions == actions


@pytest.mark.parametrize("text, actions", [
    ("Производство кровельных работ", ("работы",)),  # works are done, nothing is made
    ("Производство электромонтажных и прочих строительно-монтажных работ", ("строительство", "работы")),  # монтаж
    ("Производство водолазных работ", ("работы",)),
    ("Работы по сохранению зданий", ("работы",)),
    ("Работы строительные по возведению зданий", ("строительство", "работы")),
    ("Производство оборудования для буровых работ", ("производство",)),  # the equipment is made
    ("Производство кровельных материалов", ("производство",)),
])
def test_works_are_done_not_made(matcher_analyzer, text, actions):
    assert matcher_analyzer.analyze(text).actions == actions


@pytest.mark.parametrize("text, actions", [
    # preserving food makes it (actions.txt): the text asks for an activity, not for the fish as a product
    ("Копчение рыбы", ("производство",)),
    ("Вяление мяса", ("производство",)),
    ("Копченая рыба", ()),  # a product: what was done to it is no action of the text
])
def test_preserving_food_is_making_it(matcher_analyzer, text, actions):
    assert matcher_analyzer.analyze(text).actions == actions


@pytest.mark.parametrize("text, first", [
    ("Бургерная", ("бургерная", "NOUN")),  # a place, though the dictionary reads an adjective
    ("Хинкальная у дороги", ("хинкальная", "NOUN")),
    ("Пирожковая", ("пирожковая", "NOUN")),  # listed in hypernyms.txt: the noun, whatever its ending
    ("Кальянная", ("кальянная", "NOUN")),  # … and whatever the dictionary reads (a participle)
])
def test_a_text_opening_with_a_feminine_adjective_alone_names_a_place(text, first):
    assert tuple(content_lemmas(text, load_language())[0][:2]) == first


def test_a_feminine_adjective_after_a_noun_is_no_place():
    assert ("оздоровительный", "ADJF") in [item[:2] for item in content_lemmas(
        "Деятельность физкультурно-оздоровительная", load_language())]


@pytest.mark.parametrize("text, has, lacks", [
    ("Производство столовой и кухонной посуды", {"столовый", "кухонный", "посуда"}, {"столовая", "стол"}),
    ("Производство деревянных столовых и кухонных принадлежностей", {"столовый"}, {"столовая"}),
    ("Деятельность столовых и буфетов", {"столовая", "буфет"}, {"столовый"}),  # canteens: a noun follows «и»
    ("Пельменная и закусочная", {"закусочная"}, {"закусочный"}),  # two places, no noun after them
    ("Жир животного происхождения", {"животный", "происхождение"}, {"животное"}),  # it agrees with its noun
    ("Корма для животных", {"животное"}, {"животный"}),
    ("Мороженое и замороженные десерты", {"мороженое", "десерт"}, set()),  # a noun: no agreement in number
])
def test_an_adjective_before_its_noun_is_an_adjective(text, has, lacks):
    terms = set(Analyzer().analyze(text).terms)
    assert has <= terms and not lacks & terms, terms


@pytest.mark.parametrize("text, terms, actions", [
    ("Мебельный салон", ("мебель", "магазин"), ("торговля",)),  # a shop: its action is the shop's
    ("Салон красоты", ("салон", "красота"), ("услуги",)),
    ("Чехлы для салона автомобиля", ("чехол", "салон", "автотранспортный", "средство"), ()),  # its inside
    # a first word that named no action names its sense's: tinting a car is 45.20.3's «полирование»
    ("Тонировка автомобилей", ("полирование", "автотранспортный", "средство"), ("обработка",)),
])
def test_a_word_read_in_another_sense_names_that_senses_action(matcher_analyzer, text, terms, actions):
    analysis = matcher_analyzer.analyze(text)
    assert (analysis.terms, analysis.actions) == (terms, actions)


@pytest.mark.parametrize("text, has", [
    # a word with several lines of senses is read in the first whose context the text has
    ("Покраска фасадов", {"малярный", "работа"}),  # a building's
    ("Покраска бамперов", {"ремонт", "кузов"}),  # a car's
    ("Замена масла", {"обслуживание", "автотранспортный"}),
    ("Местное отделение партии", {"отделение", "организация"}),  # a party's branch: a political organisation
])
def test_a_word_may_have_several_senses(matcher_analyzer, text, has):
    terms = set(matcher_analyzer.analyze(text).terms)
    assert has <= terms, terms


@pytest.mark.parametrize("text, whole, terms", [
    # a word said alone in a query is read as senses.txt's «-» line says: a shop of no goods named sells all kinds
    ("Магазин", True, ("неспециализированный", "магазин")),
    ("Магазин", False, ("магазин",)),  # a note's item «магазинов» of a list of buildings is no such shop
    ("Магазин одежды", True, ("магазин", "одежда")),  # goods named: a shop of them
    ("Школа", True, ("общий", "образование")),  # general education, not 93.29.2's «школ танцев»
    ("Школа танцев", True, ("школа", "танец")),
    ("Банк", True, ("денежный", "посредничество", "прочий")),  # a bank that takes deposits, no central bank
    ("Банк крови", True, ("банк", "кровь")),
    ("Партия", True, ("политический", "организация")),  # a political party, not a batch of goods
])
def test_a_word_said_alone_is_read_in_its_sense_for_being_alone(matcher_analyzer, text, whole, terms):
    analysis = matcher_analyzer.analyze(text, whole=whole)
    assert analysis.terms == terms
    assert any(note.endswith("(сказано одно)") for note in analysis.notes) is (terms != ("магазин",)
                                                                            and len(analysis.lemmas) == 1)


@pytest.mark.parametrize("text, whole, learnt", [
    # people of a trade prepared or taught on courses learn it (senses.txt «@»: a person named by what one does)
    ("Подготовка сварщиков", True, True),
    ("Курсы поваров", True, True),
    ("Подготовка водителей", True, False),  # drivers' own class says «подготовки водителей»: read as written
    ("Подготовка почвы", True, False),  # no person: the soil is prepared
    ("Курсы валют", True, False),
    ("Подготовка сварщиков", False, False),  # an item of a note: as written
])
def test_people_of_a_trade_prepared_or_taught_learn_the_trade(matcher_analyzer, text, whole, learnt):
    terms = matcher_analyzer.analyze(text, whole=whole).terms
    assert ("обучение" in terms and "профессиональный" in terms) is learnt, terms


@pytest.mark.parametrize("text, driver", [
    ("Обучение вождению", True),  # driving of nothing named is a motor vehicle's (senses.txt)
    ("Уроки вождения автомобиля", True),
    ("Обучение вождению маломерных судов", False),  # a vessel's: as written (85.42.2)
    ("Деятельность школ обучения вождению воздушных и плавательных судов", False),
])
def test_driving_of_no_vessel_nor_aircraft_is_a_drivers(matcher_analyzer, text, driver):
    terms = matcher_analyzer.analyze(text).terms
    assert ("водитель" in terms and "вождение" not in terms) is driver, terms


@pytest.mark.parametrize("text, supplementary", [
    ("Музыкальная школа", True),  # a school of an art or a sport gives additional education (senses.txt)
    ("Деятельность школ обучения вождению воздушных и плавательных судов", False),  # «плавательных» is no swimming
])
def test_a_school_of_an_art_or_a_sport_gives_additional_education(matcher_analyzer, text, supplementary):
    assert ("дополнение" in matcher_analyzer.analyze(text).terms) is supplementary


@pytest.mark.parametrize("text, terms", [
    # a word's stem clipped before a works and no joining vowel («сложносокращённое слово»)
    ("Хлебзавод", ("хлеб", "производство")),
    ("Спиртзавод", ("спирт", "производство")),
    ("Сырзавод", ("сыр", "производство")),
    ("Завод", ("производство",)),  # nothing before it
    ("Молзавод", ("молзавод",)),  # «мол-» is no stem of a word of the names
])
def test_a_clipped_compound_names_what_its_works_makes(matcher_analyzer, text, terms):
    assert matcher_analyzer.analyze(text).terms == terms


@pytest.mark.parametrize("text, word, lacks", [
    ("Деятельность районных судов", "суд", "судно"),  # «судов» of courts, by the court's level
    ("Деятельность федеральных судов", "суд", "судно"),
    ("Деятельность судов общей юрисдикции", "суд", "судно"),
    ("Строительство морских судов", "судно", "суд"),  # vessels
    ("Ремонт судов", "судно", "суд"),
])
def test_courts_are_not_vessels(matcher_analyzer, text, word, lacks):
    terms = matcher_analyzer.analyze(text).terms
    assert word in terms and lacks not in terms


@pytest.mark.parametrize("text, rented", [
    ("Прокат лодок", True),  # renting boats out (reference/senses.txt)
    ("Прокат горных велосипедов", True),
    ("Прокат листовой стальной", False),  # rolled steel
    ("Прокат карнавальных костюмов", True),  # whatever is rented out: only metal makes it rolled metal
    ("Прокат видеофильмов", True),
    ("Прокат горячекатаный из нелегированных сталей", False),
    ("Прокат из алюминиевых сплавов", False),
    ("Производство сортового проката", False),
])
def test_prokat_of_metal_is_rolled_metal_and_of_anything_else_renting(matcher_analyzer, text, rented):
    terms = matcher_analyzer.analyze(text).terms
    assert ("аренда" in terms and "прокат" not in terms) is rented


@pytest.mark.parametrize("text, kind", [
    ("Кислота серная", "неорганический"),  # an acid of an element
    ("Кислота азотная", "неорганический"),
    ("Кислота масляная", "органический"),  # otherwise organic
    ("Соли лимонной кислоты", "органический"),
])
def test_an_acid_is_inorganic_beside_an_element_and_organic_otherwise(matcher_analyzer, text, kind):
    terms = matcher_analyzer.analyze(text).terms
    assert kind in terms and {"органический", "неорганический"} - {kind} - set(terms)


def test_wiktionary_kinds_serve_only_words_no_official_name_has():
    language = load_language()
    kinds = language.hypernyms["уклейка"]  # from hypernyms-wiktionary.txt
    assert any("рыба" in kind for kind in kinds) and "уклейка" not in language.curated_hypernyms
    known = {"рыба": 3, "уклейка": 1}  # pretend a name has «уклейка»: its own word is enough
    assert dict(Analyzer(vocabulary=known).analyze("Уклейка свежая").broader) == {}
    assert dict(Analyzer(vocabulary={"рыба": 3}).analyze("Уклейка свежая").broader) == {"уклейка": kinds}


@pytest.mark.parametrize("word, about, read, vague", [
    ("овчарня", ("овца",), ("овца",), ("помещение",)),  # «хлев, загон для овец»: its Wiktionary kind is «помещение»
    # «работник радио или телевидения …», read in the names' wording: телевидение is «телевизионный вещание»
    ("диктор", ("радио", "телевидение", "микрофон", "текст"),
     ("радио", "телевизионный", "вещание", "микрофон", "текст"), ("работник",)),
    ("торшер", ("напольный", "светильник", "высокий", "подставка"), ("напольный", "светильник", "высокий", "подставка"),
     None),
])
def test_a_wiktionary_definition_says_what_a_word_is_about_and_a_vague_kind_gives_way(word, about, read, vague):
    language = load_language()
    assert language.defined[word] == (about,) and about in language.hypernyms[word]
    assert vague is None or vague not in language.hypernyms[word]
    vocabulary = dict.fromkeys(about, 3)
    analysis = Analyzer(vocabulary=vocabulary).analyze(word.capitalize())
    assert read in dict(analysis.broader)[word] and any("по словарю: " + " ".join(about) in n for n in analysis.notes)


def test_a_definition_that_only_says_a_noun_is_a_verbs_action_gives_it_no_kind():
    """«Спил — действие по значению гл. спилить»: the dictionary's «значение» (vague.txt) is no kind of it."""
    language = load_language()
    assert language.defined["спил"] == (("значение",),) and language.hypernyms["спил"] == ()
    assert not any("значение" in note for note in Analyzer().analyze("Спил деревьев").notes)


@pytest.mark.parametrize("word, kind", [
    ("рюмочная", ("подача", "напиток")),  # a kind of бар (places), which synonyms.txt reads as 56.30's words
    ("кальянная", ("подача", "напиток")),
])
def test_a_kind_is_read_in_the_wording_of_its_synonym(matcher_analyzer, word, kind):
    assert kind in dict(matcher_analyzer.analyze(word).broader)[word]


def test_a_word_a_dictionary_defines_is_not_taken_for_a_typo(matcher_analyzer):
    # «абонемент» is one letter from «абонент», a word of the names
    assert matcher_analyzer.analyze("абонемент").terms == ("абонемент",)


@pytest.mark.parametrize("text, noun", [
    ("Рыболовство морское", "рыба"),
    ("Лесозаготовки", "лес"),
    ("Производство нефтепродуктов", "нефть"),
    ("Пчеловодство", "пчела"),
    ("Станкостроение", "станок"),
    ("Виноделие", "вино"),
])
def test_a_compound_also_names_the_thing_of_its_combining_form(text, noun):
    terms = Analyzer().analyze(text).terms
    assert noun in terms and len(terms) >= 2  # the compound stays a term too


@pytest.mark.parametrize("text, noun", [
    ("Сжиженные углеводородные газы", "уголь"),  # a hydrocarbon is no coal: the longer form углеводород goes first
    ("Углеводные добавки", "уголь"),  # nor is a carbohydrate
])
def test_a_longer_combining_form_is_read_before_a_shorter_one(text, noun):
    assert noun not in Analyzer().analyze(text).terms


@pytest.mark.parametrize("text, terms", [
    # the rest after a combining form names an action of reference/actions.txt: it is one more term
    ("Рыбоперерабатывающее предприятие", {"рыба", "переработка"}),
    ("Нефтепереработка", {"нефть", "переработка"}),
    ("Угледобывающая шахта", {"уголь", "добыча"}),  # добывать → добыча: reference/synonyms.txt
    ("Нефтепродукты", {"нефть"}),  # продукт is no action
    ("Судоремонтная верфь", {"судно", "ремонт"}),  # an adjective's rest by its noun
    ("Шиноремонтная мастерская", {"шина", "ремонт"}),
    ("Кормозаготовительная техника", {"корм", "заготовка"}),  # … or by its verb's: заготовить → заготовка
])
def test_a_compound_names_the_action_of_its_rest(matcher_analyzer, text, terms):
    found = set(matcher_analyzer.analyze(text).terms)
    assert terms <= found and not {"продукт", "производство"} & found - terms


@pytest.mark.parametrize("text, word, parts", [
    ("Рыбоперерабатывающее предприятие", "рыбоперерабатывающий", ("рыба", "переработка")),
    ("Судоремонтная верфь", "судоремонтный", ("судно", "ремонт")),
    ("Рыболовство морское", "рыболовство", None),  # only the noun: fishing is more than рыба
])
def test_a_compound_split_into_a_noun_and_an_action_is_a_kind_of_both(matcher_analyzer, text, word, parts):
    # a name that says both parts says the compound: 19.20 «Производство нефтепродуктов» for a refinery
    kinds = dict(matcher_analyzer.analyze(text).broader).get(word)
    assert kinds == ((parts,) if parts else None)


def test_a_rest_that_builds_makes_in_a_compound(matcher_analyzer):
    # «станкостроительный» makes machine tools: no «строительство» to conflict with «Производство станков»
    analysis = matcher_analyzer.analyze("Станкостроительный завод")
    assert "станок" in analysis.terms and analysis.actions == ("производство",)


@pytest.mark.parametrize("text, terms", [
    ("Золотодобывающее предприятие", ("золото", "добыча")),  # split: золото + добывать → добыча
    ("Нефтедобывающая компания", ("нефть", "добыча")),  # нефте- of prefixes.txt; «компания» says nothing
])
def test_a_compound_reads_its_rest_by_synonyms(matcher_analyzer, text, terms):
    assert matcher_analyzer.analyze(text).terms == terms


@pytest.mark.parametrize("text, terms", [
    ("стройкомпания", ("строительство",)),  # a rest that is a stop word says nothing
    ("агрофирма", ("сельскохозяйственный",)),
    ("автопредприятие", ("автотранспортный", "услуга")),  # an enterprise serves (places.txt)
])
def test_a_compound_of_a_stop_word_or_an_enterprise_keeps_its_first_part(matcher_analyzer, text, terms):
    assert matcher_analyzer.analyze(text).terms == terms


@pytest.mark.parametrize("text", ["Производство стекла", "Газовый баллон", "Переработка зерна"])
def test_a_word_is_not_split_when_the_rest_is_too_short(text):
    terms = Analyzer().analyze(text).terms
    assert len(terms) == len(set(terms)) and "газ" not in terms and "перо" not in terms


def test_a_compound_has_the_thing_of_the_longest_form_it_starts_with():
    # «виноградный» is of виноград (too short a rest to add it), not of the shorter form «вино»
    assert "вино" not in Analyzer().analyze("Сок виноградный").terms


@pytest.mark.parametrize("text, terms", [
    # a rest that names no building (combining.txt «-строение = -»): what is made is what the compound names
    ("Вагоностроение", ("вагон",)),
    ("Тракторостроение", ("трактор",)),
    ("Автомобилестроение", ("автотранспортный", "средство")),  # a first part a synonym puts in the names' words
    ("Авиастроение", ("авиационный",)),  # авиа- of prefixes.txt
    ("Станкостроение", ("станок",)),  # a combining form («станко-»), not a word and a joint «о»: read as its noun
    # a rest read by a synonym: «лесопиление» saws timber
    ("Лесопиление", ("лесопиление", "лес", "распиловка")),
])
def test_a_compound_is_read_by_its_parts(matcher_analyzer, text, terms):
    analysis = matcher_analyzer.analyze(text)
    assert analysis.terms == terms
    # «автомобилестроение» is no kind of строение: a kind, if any, is only of the parts the compound says
    assert all(w in terms for _, kinds in analysis.broader for kind in kinds for w in kind)


@pytest.mark.parametrize("text, word, head", [
    ("Полувагоны открытые", "полувагон", "вагон"),
    ("Бальзам зоокосметический", "зоокосметический", "косметический"),
])
def test_an_unknown_compound_is_a_kind_of_its_last_part(matcher_analyzer, text, word, head):
    assert dict(matcher_analyzer.analyze(text).broader)[word] == ((head,),)


@pytest.mark.parametrize("text, noun, kind", [
    ("Аппараты офтальмологические", "офтальмология", ("медицина",)),
    ("Услуги врачей гинекологических отделений", "гинекология", ("медицина",)),
])
def test_a_learned_adjective_no_name_has_reaches_a_noun_whose_kind_is_known(matcher_analyzer, text, noun, kind):
    analysis = matcher_analyzer.analyze(text)
    assert noun in analysis.terms and kind in dict(analysis.broader)[noun]


@pytest.mark.parametrize("text, word, head", [
    ("Пневмоцилиндры", "пневмоцилиндр", "цилиндр"),  # an opening part of compounds.txt
    ("Колбасы сырокопченые", "сырокопченый", "копченый"),  # a known word and the joining «о»
    ("Погрузчики навозные и навозопогрузчики", "навозопогрузчик", "погрузчик"),
    ("Материалы комбинированные", "комбинированный", None),  # «комбинир-» is no word: not a «ванный»
    ("Бумага мелованная", "мелованный", None),  # «-ованный» is an ending, not the word «ванный»
    ("Ленты этикеточные", "этикеточный", None),  # nor is «-очный» the word «точный»
])
def test_a_compound_has_a_last_part_only_after_a_part_that_opens_compounds(matcher_analyzer, text, word, head):
    analysis = matcher_analyzer.analyze(text)
    assert word in analysis.terms
    assert dict(analysis.broader).get(word) == (((head,),) if head else None)


@pytest.mark.parametrize("text, parts", [
    ("Окатыши железорудные", ("железо", "руда")),
    ("Смеси асфальтобетонные", ("асфальт", "бетон")),
    ("Изделия резинотехнические", ("резина", "техника")),
    ("Продукция масложировая", ("масло", "жир")),
    ("Смеси овощефруктовые", ("овощ", "фрукт")),  # «е» after a hissing stem
    ("Кабели сталемедные", ("сталь", "медь")),  # «е» after a soft stem
    ("Полуфабрикаты крупнокусковые", ("крупный", "кусок")),  # an adjective first
])
def test_two_words_joined_by_a_vowel_are_read_apart(matcher_analyzer, text, parts):
    terms = matcher_analyzer.analyze(text).terms
    assert terms[-2:] == parts


@pytest.mark.parametrize("text, word", [
    ("Передачи планетарные", "планетарный"),  # «план-е-тарный»: «е» does not follow a hard stem
    ("Изделия передельные", "передельный"),  # «пер» is too short to be a word of its own
])
def test_words_that_only_look_joined_stay_whole(matcher_analyzer, text, word):
    assert word in matcher_analyzer.analyze(text).terms


def test_a_known_word_is_not_taken_apart(matcher_analyzer):
    assert dict(matcher_analyzer.analyze("Ремонт вагонов").broader) == {}


def test_synonyms_chain_to_the_final_wording():
    language = load_language()
    assert dict(language.synonyms)[("грузовик",)] == ("грузовой", "автотранспортный", "средство")


@pytest.mark.parametrize("word, wording", [
    # a hyphenated compound's first part is read as its adjective in a name («санитарно-технических» →
    # санитарный технический): a synonym or a kind in language data is written so, or it matches nothing
    ("сантехника", "санитарно-техническое оборудование"),
    ("унитаз", "санитарно-технические изделия"),
])
def test_language_data_says_a_word_as_the_names_do(matcher_analyzer, word, wording):
    analysis = matcher_analyzer.analyze(word, whole=True)
    said = set(analysis.terms) | {t for _, kinds in analysis.broader for kind in kinds for t in kind}
    assert set(matcher_analyzer.analyze(wording).terms) <= said


@pytest.mark.parametrize("text, terms", [
    ("Изготовление стальных труб", ("производство", "сталь", "труба")),
    ("Выпуск металлоконструкций", ("производство", "металл", "конструкция")),
    ("Разработка ПО", ("разработка", "программа", "обеспечение")),
    ("Производство пластиковых дверей", ("производство", "пластмасса", "дверь")),
])
def test_analysis_terms(text, terms):
    vocabulary = {"производство": 900, "сталь": 5, "труба": 9, "металл": 40, "конструкция": 7, "разработка": 5,
                  "программа": 6, "обеспечение": 9, "пластмасса": 12, "окно": 2}
    assert Analyzer(vocabulary=vocabulary).analyze(text).terms == terms


def test_analysis_marks_what_a_name_excludes():
    result = Analyzer().analyze("Производство одежды, кроме одежды из меха")
    assert result.terms == ("производство", "одежда")
    assert result.excluded == ("одежда", "мех")


@pytest.mark.parametrize("text, kept, excluded", [
    ("Игрушки деревянные без механизмов", "игрушка", ("механизм",)),
    ("Аренда грузовиков без водителя, с обслуживанием", "обслуживание", ("водитель",)),  # to the clause's end
])
def test_what_follows_without_is_left_out(text, kept, excluded):
    result = Analyzer().analyze(text)
    assert result.excluded == excluded and kept in result.terms and excluded[0] not in result.terms


@pytest.mark.parametrize("text, kept, excluded", [
    # a list goes on past the comma in the case of what was left out
    ("Торговля розничная вне магазинов, палаток, рынков", "розничный", ("магазин", "палатка", "рынок")),
    ("Ремонт одежды, кроме ремонта курток, сумок", "одежда", ("ремонт", "куртка", "сумка")),
    # … and ends with a word in another case
    ("Фитинги, кроме литых, стальные", "сталь", ("литой",)),
    ("Услуги, кроме ремонта курток, мелкий ремонт мебели", "мебель", ("ремонт", "куртка")),
    # an adjective standing for a noun ends a clause left out as a noun does
    ("Торговля кроме пельменной и рюмочной", "торговля", ("пельменная", "рюмочная")),
    # a list's last item goes on with «и», «или» (43.29's item: heating is what it leaves to 43.22)
    ("Монтаж оборудования, за исключением электрических систем, систем водоснабжения, отопления и "
     "кондиционирования воздуха", "оборудование",
     ("электрический", "система", "распределение", "вода", "отопление", "кондиционирование", "воздух")),
    ("Ремонт мебели, кроме шкафов, кроватей или диванов", "мебель", ("шкаф", "кровать", "диван")),
])
def test_what_is_left_out_runs_on_through_a_list(text, kept, excluded):
    result = Analyzer().analyze(text)
    assert result.excluded == excluded and kept in result.terms


@pytest.mark.parametrize("text, kept, excluded", [
    # the dative is whom the services are for: «без» governs only «обеспечения проживания»
    ("Предоставление социальных услуг без обеспечения проживания престарелым и инвалидам", "инвалид",
     ("обеспечение", "проживание")),
    # … unless a preposition governs it, inside what is left out
    ("Производство кухонной мебели, кроме изготовленной по индивидуальному заказу населения", "мебель",
     ("изготовить", "индивидуальный", "заказ", "население")),
    ("Предоставление финансовых услуг, кроме услуг по страхованию и пенсионному обеспечению", "финансовый",
     ("услуга", "страхование", "пенсионный", "обеспечение")),
])
def test_a_dative_no_preposition_governs_ends_what_is_left_out(text, kept, excluded):
    result = Analyzer().analyze(text)
    assert result.excluded == excluded and kept in result.terms


@pytest.mark.parametrize("text, thing, purpose", [
    ("Оборудование для переработки мяса", "оборудование", {"переработка", "мясо"}),
    ("Корма для животных, готовые", "корм", {"животное"}),  # to the end of the clause
    ("Мука для мучных изделий", "мука", {"изделие"}),  # мучной → мука, named for itself too: not only a purpose
    ("Присадки для масел моторных", "присадка", {"нефтепродукт", "нефть", "масло", "моторный"}),  # read in its sense
    # … and what a comma lists on after «для» and one word: «для X, Y и Z чего-то»
    ("Станки для сверления, фрезерования и шлифования металла", "станок",
     {"сверление", "фрезерование", "шлифование", "металл"}),
    # … not after a purpose of more words: the list goes on with the things made
    ("Производство очков для коррекции зрения, солнцезащитных очков", "очко", {"коррекция", "зрение"}),
    ("Тележки для перевозки, контейнеры", "тележка", {"перевозка"}),  # nor a clause that names another thing
])
def test_what_follows_for_is_marked_as_what_a_thing_is_for(matcher_analyzer, text, thing, purpose):
    result = matcher_analyzer.analyze(text)
    assert result.purpose == purpose and thing not in result.purpose and thing in result.terms


@pytest.mark.parametrize("text, things, material, purpose", [
    ("Мешки из плотной бумаги", {"мешок"}, {"плотный", "бумага"}, set()),
    ("Изделия из бетона для строительства", {"изделие"}, {"бетон"}, {"строительство"}),
    ("Оборудование для изготовления изделий из пластмасс", {"оборудование"}, set(),  # «для» comes first
     {"производство", "изделие", "пластмасса"}),
    ("Эфиры из кислоты", {"эфир"}, {"органический", "кислота"}, set()),  # кислота read in its sense keeps its role
])
def test_what_follows_from_is_marked_as_what_a_thing_is_made_of(matcher_analyzer, text, things, material, purpose):
    result = matcher_analyzer.analyze(text)
    assert (result.things, result.material, result.purpose) == (things, material, purpose)


def test_analysis_actions_put_strong_before_weak():
    assert Analyzer().analyze("Услуги по оптовой торговле").actions == ("торговля", "услуги")
    assert Analyzer().analyze("Пшеница озимая").actions == ()


@pytest.mark.parametrize("text, actions", [
    ("Производство и продажа мебели", ("производство", "торговля")),
    ("Мебель металлическая для предприятий торговли", ()),  # a product: «торговли» says whom it is for
    ("Прицепы-цистерны для перевозки нефтепродуктов", ()),
    ("Розничная торговля стройматериалами", ("торговля",)),
    ("Услуги по мытью витрин", ("обработка", "услуги")),  # мытье is мойка (synonyms.txt), before the weak услуги
    ("Магазин обуви", ("торговля",)),  # a shop names trade; a salon or a hotel the service done there
    ("Салон красоты", ("услуги",)),
    ("Тренажерный зал", ("услуги",)),
    # a word whose kind is a place (places.txt) names the place's action: «чебуречная» is a kind of ресторан
    ("Чебуречная", ("услуги",)),
    ("Лечебница у вокзала", ("услуги",)),
    ("Салатники фарфоровые", ()),  # a kind of посуда (hypernyms.txt), not of the canteen «столовая»
])
def test_the_action_is_what_the_text_names_first(text, actions):
    assert Analyzer().analyze(text).actions == actions


@pytest.mark.parametrize("text, head", [
    ("Лесное хозяйство", "хозяйство"),
    ("Лесхоз", "хозяйство"),  # a synonym's wording (лесной хозяйство): its noun, not the adjective before it
    ("Спецодежда рабочая", "одежда"),  # специальный одежда
])
def test_the_head_is_the_noun_of_a_synonym_s_wording(text, head):
    assert Analyzer().analyze(text).head == head


@pytest.mark.parametrize("text, head", [
    # a noun said with «с», «в», «на» is what the thing has or where it is, not the thing: a product named by
    # a generic word («изделия», «продукция») has no head then, rather than its filling or its tin
    ("Изделия с вышивкой", None),
    ("Продукция с начинкой", None),
    ("Изделия в оправе", None),
    ("Продукция в банках", None),
    ("Пирожки с капустой", "пирожок"),  # the thing named first stays the head
    ("Перчатки с подогревом", "перчатка"),
    ("Запчасти для грузовиков", None),  # what a generic thing is for is no head: lorries are not sold, their parts are
])
def test_the_head_is_not_a_noun_said_with_a_preposition(text, head):
    assert Analyzer().analyze(text).head == head


@pytest.mark.parametrize("word, terms", [
    ("автозапчасти", ("автотранспортный", "деталь")),  # the rest as names say it (synonyms.txt)
    ("электросамокаты", ("электрический", "самокат")),
    ("электрокофемолки", ("электрический", "кофемолка")),  # a real word the reference lacks: still electrical
    ("автографы", ("автограф",)),  # too short a word after the prefix: left whole
    ("тепловой", ("тепловой",)),  # a prefix's own expansion («тепло» = тепловой) is not split again
    ("ветврачи", ("ветеринар", "врач")),  # the short first parts of everyday words: вет-, мед-, тур-
    ("медпункт", ("медицина", "услуга")),  # a rest that names an organisation (places.txt) serves
    ("турбаза", ("турист", "место", "краткосрочный", "проживание")),  # a tourists' «база»: a place to stay
    ("ветчина", ("ветчина",)),  # words that merely begin so stay whole
    ("ветчинные", ("ветчинный",)),  # a short first part goes before a noun only: not вет- + чинный
    ("медведь", ("медведь",)),
    ("турнир", ("турнир",)),
    ("газосбыт", ("газ", "торговля")),  # a short rest that is a synonym of a word of the names (сбыт → торговля)
    ("механообработка", ("механический", "обработка")),
    ("гофрокартон", ("гофрированный", "картон")),
    ("канцтовары", ("канцелярский", "товар")),  # the shortened first parts of trade's words
    ("промтовары", ("промышленный", "товар")),
    ("промывка", ("промывка",)),  # a word that merely begins so stays whole
    # a word hypernyms.txt lists is split only as its kind reads: a теплоход is a судно, a нефтепровод a трубопровод
    ("теплоходы", ("теплоход",)),
    ("нефтепровод", ("нефть", "провод")),
])
def test_compounds_are_split_by_known_prefixes(word, terms):
    analyzer = Analyzer(vocabulary={"автотранспортный": 30, "запчасть": 2, "электрический": 40, "самокат": 1,
                                    "ветеринар": 5, "врач": 3, "медицина": 20, "пункт": 8, "турист": 4, "база": 9,
                                    "газ": 12, "торговля": 50, "механический": 9, "обработка": 30,
                                    "гофрированный": 2, "картон": 6, "канцелярский": 3, "промышленный": 20,
                                    "товар": 40, "промывка": 2, "ход": 6, "нефть": 30, "провод": 5})
    assert analyzer.analyze(word).terms == terms


def test_a_first_part_of_a_compound_written_apart_is_no_noun_of_an_adjective():
    # «металло- и деревообрабатывающих» puts «металло» among the words; «металлический» is still of металл
    analyzer = Analyzer(vocabulary={"металло": 2, "металл": 40, "дерево": 9})
    assert analyzer.term("металлический", "ADJF")[0] == ("металл",)


def test_an_analyzer_keeps_a_bounded_memory_of_what_it_read(monkeypatch):
    import mapper.lemmas as lemmas

    texts = [f"Производство мебели из {wood} для {room}" for wood in ("дуба", "сосны", "бука", "ольхи", "березы")
             for room in ("кухни", "офиса", "спальни", "школы", "бани", "дачи", "кафе", "гостиницы")]
    expected = [Analyzer().analyze(t) for t in texts]
    monkeypatch.setattr(lemmas, "CACHE_LIMIT", 10)
    analyzer = Analyzer()
    assert [analyzer.analyze(t) for t in texts + texts] == expected + expected  # a million distinct lines
    assert len(analyzer._lemma_cache) <= 10 and len(analyzer._term_cache) <= 10  # take no more memory than ten


@pytest.mark.parametrize("a, b", [("сывороточный", "сыворотка"), ("стеновой", "стена"), ("складирование", "склад"),
                                  ("хирургический", "хирургия"),
                                  # «-ионный» of a noun in «-ия», «-йный» of one in «-й»: консультационных услуг
                                  ("консультационный", "консультация"), ("экспедиционный", "экспедиция"),
                                  ("музейный", "музей"), ("хоккейный", "хоккей")])
def test_stems_join_related_words(a, b):
    assert stem(a) == stem(b)


def test_lookalikes_and_tokens():
    assert fix_lookalikes("Прoизвoдcтвo") == ("Производство", True)
    assert fix_lookalikes("IT-компания") == ("IT-компания", False)
    assert tokens("фото- и кинооборудования, 3d-принтеры") == ["фото", "и", "кинооборудования", "3d", "принтеры"]


@pytest.mark.parametrize("text, said", [
    ("Услуги СТО", ["СТО = станции технического обслуживания автотранспортных средств"]),
    ("ИТ-аутсорсинг", ["ИТ = информационные технологии"]),
    # typed in lower case, in a form that is no word of its own: «азс», «бадов»; not «по», «сто», nor a name
    ("ит-компания", ["ит = информационные технологии"]),
    ("вывоз тбо", ["тбо = твердые бытовые отходы"]),
    ("продажа бадов", ["бадов = биологически активные добавки к пище"]),
    ("работы по договору", []),
    ("сто единиц", []),
    ("универсальные шарниры Гука", []),  # a name, capitalised: no ГУК
    ("IT-компания", ["IT = информационные технологии"]),
    ("Пр-во мебели", ["Пр-во = производство"]),
    ("Производство мебели", []),
    ("СТОлица", []),  # not a word of its own
    ("Продажа БАДов", ["БАДов = биологически активные добавки к пище"]),  # declined by a lower-case ending
    ("Охрана ЧОПом", ["ЧОПом = частная охранная организация"]),
    ("Обучение в вузе", ["вузе = высшее учебное заведение"]),  # a shortened word is declined as a word
    ("Вузовская наука", []),
    ("Монтаж ОПС и СКУД", ["ОПС = охранно-пожарная сигнализация", "СКУД = системы контроля и управления доступом"]),
    ("Асфальт с АБЗ", ["АБЗ = асфальтобетонный завод"]),
    ("ПИР и ПНР", ["ПИР = проектно-изыскательские работы", "ПНР = пусконаладочные работы"]),
    ("ТОм второй", []),  # «м» is no case ending
    ("ДОКУМЕНТЫ", []),  # nor are capitals
])
def test_the_explanation_says_which_abbreviations_were_read(text, said):
    from mapper.lemmas import abbreviations_in

    assert abbreviations_in(text) == said


@pytest.mark.parametrize("text, terms", [
    ("Шкуры овечьи выделанные", ("шкура", "овечий", "выделка")),  # what выделка makes (actions.txt)
    ("Детали обработанные", ("деталь", "обработать")),  # «обработка» is the group's own word: any processing
])
def test_a_participle_names_the_action_that_made_the_thing(matcher_analyzer, text, terms):
    assert matcher_analyzer.analyze(text).terms == terms
