#!/usr/bin/env python3
"""Generates the kit's text datasets from a hand-written lexicon and a small grammar.

    python3 data/tools/make_text_data.py          # writes data/pos/*.conllu and data/sentences/*.tsv, prints statistics

Standard library only, fixed seed: running it again writes byte-identical files.

* data/pos/{train,dev,test}.conllu: a part-of-speech corpus in CoNLL-U with the 17 universal POS tags. The grammar
  reuses ambiguous words (book, watch, play, park, light as NOUN or VERB; that as DET, PRON or SCONJ; fast, early, hard,
  late as ADJ or ADV; can, will as AUX or NOUN; round, back, well, like, to, after, before, there, no ...) in positions
  where the neighbouring words decide the tag, so a tagger that ignores context stays clearly below 100%.
* data/sentences/{train,test}.tsv: short review sentences, text<TAB>label, positive or negative, with negations
  ("not bad at all") and contrasts ("good actors but a boring plot") where the word order decides the label.
"""
import collections
import math
import os
import random

SEED = 440  # the lecture is CSE440
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)

# ---------------------------------------------------------------------------------------------------------------------
# Lexicon. A word is (form, UPOS, lemma).

# Words that are a NOUN or a VERB: base, plural noun = 3rd-person verb, past, past participle.
NOUN_VERB = {
    "book": ("books", "booked", "booked"), "watch": ("watches", "watched", "watched"),
    "play": ("plays", "played", "played"), "park": ("parks", "parked", "parked"),
    "light": ("lights", "lit", "lit"), "train": ("trains", "trained", "trained"),
    "record": ("records", "recorded", "recorded"), "plan": ("plans", "planned", "planned"),
    "show": ("shows", "showed", "shown"), "visit": ("visits", "visited", "visited"),
    "cook": ("cooks", "cooked", "cooked"), "paint": ("paints", "painted", "painted"),
    "call": ("calls", "called", "called"), "drink": ("drinks", "drank", "drunk"),
    "answer": ("answers", "answered", "answered"), "fish": ("fish", "fished", "fished"),
    "guide": ("guides", "guided", "guided"), "coach": ("coaches", "coached", "coached"),
    "judge": ("judges", "judged", "judged"),
}
# Of those, the ones that also work without an object ("they played", "we fished").
NOUN_VERB_INTRANSITIVE = ["play", "cook", "paint", "fish", "train", "drink", "call"]
RUN_WORK = {"run": ("runs", "ran", "run"), "work": ("works", "worked", "worked"),
            "walk": ("walks", "walked", "walked"), "dance": ("dances", "danced", "danced")}
# Nouns by what they can do in a sentence: agents act (subjects of action verbs), things are acted on, events happen
# (after the game). The NOUN/VERB words above appear among all three.
AGENTS = ["teacher", "student", "friend", "dog", "cat", "driver", "girl", "boy", "neighbour", "doctor", "child"] + \
    ["cook", "guide", "coach", "judge"] * 2
# (The NOUN/VERB words are listed twice so they come up often enough to matter.)
THINGS = ["book", "watch", "light", "record", "plan", "drink", "paint", "fish"] * 2 + ["table", "car", "window", "letter",
          "bag", "door", "ticket", "phone", "picture", "lamp", "bottle", "box", "song", "film", "house", "room"]
EVENTS = ["game", "show", "play", "visit", "call", "run", "walk", "dance", "train", "party", "movie", "trip"]
PLACE_NOUNS = ["park", "city", "garden", "kitchen", "hotel", "river", "station", "room", "house", "bus"]
PLURAL = {**{base: forms[0] for base, forms in NOUN_VERB.items()}, "city": "cities", "bus": "buses", "box": "boxes",
          "child": "children", "party": "parties", "run": "runs", "walk": "walks", "dance": "dances"}
# Transitive verbs that are only verbs: base, 3rd person, past, participle.
VERBS = {"read": ("reads", "read", "read"), "see": ("sees", "saw", "seen"), "like": ("likes", "liked", "liked"),
         "open": ("opens", "opened", "opened"), "find": ("finds", "found", "found"), "buy": ("buys", "bought", "bought"),
         "love": ("loves", "loved", "loved"), "clean": ("cleans", "cleaned", "cleaned"), "take": ("takes", "took", "taken"),
         "write": ("writes", "wrote", "written"), "carry": ("carries", "carried", "carried"), "sell": ("sells", "sold", "sold")}
INTRANSITIVE = {"sleep": ("sleeps", "slept", "slept"), "arrive": ("arrives", "arrived", "arrived"),
                "leave": ("leaves", "left", "left"), "wait": ("waits", "waited", "waited"),
                "sing": ("sings", "sang", "sung"), "swim": ("swims", "swam", "swum"), "laugh": ("laughs", "laughed", "laughed")}
ADJECTIVES = ["red", "good", "bad", "new", "old", "big", "small", "happy", "quiet", "green", "blue", "cheap", "cold",
              "warm", "funny", "boring", "great", "long", "short", "nice"]
ADJ_ADV = ["fast", "early", "hard", "late"]   # ADJ before a noun or after "is"; ADV after a verb
ADVERBS = ["quickly", "slowly", "often", "never", "always", "really", "today", "yesterday", "soon", "again", "together"]
DEGREE = ["very", "really", "too", "quite"]   # ADV before an adjective
PROPER = ["Anna", "Omar", "Lena", "Tom", "Maria", "Kenji", "Rahim", "Nadia"]
PLACES = ["Paris", "Berlin", "Dhaka", "Lagos", "Lima", "Oslo"]
SUBJECT_PRONOUNS = {"I": "I", "you": "you", "he": "he", "she": "she", "we": "we", "they": "they"}
OBJECT_PRONOUNS = {"me": "I", "him": "he", "her": "she", "us": "we", "them": "they", "it": "it"}
POSSESSIVES = ["my", "your", "his", "her", "our", "their"]   # PRON in Universal Dependencies
DETERMINERS = ["the", "the", "the", "a", "a", "this", "that", "every", "some", "no"]
PLURAL_DETERMINERS = ["the", "these", "those", "some", "no"]
MODALS = ["can", "will", "should", "must", "could", "would"]
PREPOSITIONS = ["in", "on", "at", "near", "with", "from", "behind"]
NUMBERS = [("two", "2"), ("three", "3"), ("four", "4"), ("five", "5"), ("ten", "10"), ("twelve", "12")]
FOREIGN = ["merci", "gracias", "danke", "arigato", "obrigado"]
INTERJECTIONS = ["oh", "wow", "yes", "hey"]
SAY_VERBS = {"say": ("says", "said"), "think": ("thinks", "thought"), "know": ("knows", "knew"), "hope": ("hopes", "hoped")}


def w(form, tag, lemma=None):
    """A word; the lemma defaults to the lower-cased form (proper nouns and "I" keep their capital, as in UD English)."""
    if lemma is None:
        lemma = form if tag == "PROPN" else form.lower()
    return (form, tag, lemma)


class Grammar:
    """Each method returns a list of words (form, UPOS, lemma)."""

    def __init__(self, rng):
        self.r = rng

    def pick(self, items):
        return self.r.choice(items)

    def chance(self, p):
        return self.r.random() < p

    # --- noun phrases --------------------------------------------------------------------------------------------
    def noun(self, plural=False, kind="thing"):
        """A noun of the given kind (agent, thing, event, place). Returns the word."""
        base = self.pick({"agent": AGENTS, "thing": THINGS, "event": EVENTS, "place": PLACE_NOUNS}[kind])
        return w(PLURAL.get(base, base + "s") if plural else base, "NOUN", base)

    def adjective(self):
        if self.chance(0.35):
            return [w(self.pick(ADJ_ADV), "ADJ")]
        if self.chance(0.1):
            return [w("light", "ADJ")] if self.chance(0.5) else [w("round", "ADJ")]
        return [w(self.pick(ADJECTIVES), "ADJ")]

    def noun_phrase(self, plural=None, allow_pronoun=True, subject=False, kind="thing"):
        """Returns (words, person): person is 'sg' (third person singular), 'i' or 'pl', for verb agreement."""
        if plural is None:
            plural = self.chance(0.35)
        roll = self.r.random()
        if allow_pronoun and roll < 0.12:
            if subject:
                form = self.pick(list(SUBJECT_PRONOUNS))
                person = "sg" if form in ("he", "she") else "i" if form == "I" else "pl"
                return [w(form, "PRON", SUBJECT_PRONOUNS[form])], person
            form = self.pick(list(OBJECT_PRONOUNS))
            return [w(form, "PRON", OBJECT_PRONOUNS[form])], "sg"
        if roll < 0.2 and kind == "agent":
            return [w(self.pick(PROPER), "PROPN")], "sg"
        words = []
        if plural:
            if self.chance(0.15):
                words.append(w(*self.number_word(), ))
            else:
                words.append(w(self.pick(PLURAL_DETERMINERS), "DET"))
        elif self.chance(0.2):
            words.append(w(self.pick(POSSESSIVES), "PRON"))
        else:
            words.append(w(self.pick(DETERMINERS), "DET"))
        if self.chance(0.45):
            if self.chance(0.2):
                words.append(w(self.pick(DEGREE), "ADV"))
            words += self.adjective()
        words.append(self.noun(plural, kind))
        return words, "pl" if plural else "sg"

    def number_word(self):
        word, digits = self.pick(NUMBERS)
        form = digits if self.chance(0.4) else word
        return form, "NUM", form

    def object_phrase(self):
        roll = self.r.random()
        if roll < 0.06:
            return [w("that", "PRON")]
        return self.noun_phrase(subject=False)[0]

    def place_phrase(self):
        if self.chance(0.25):
            return [w(self.pick(PREPOSITIONS), "ADP"), w(self.pick(PLACES), "PROPN")]
        return [w(self.pick(PREPOSITIONS), "ADP")] + self.noun_phrase(allow_pronoun=False, kind="place")[0]

    # --- verbs ---------------------------------------------------------------------------------------------------
    def transitive(self):
        """(base, third, past, participle) of a verb that takes an object; often a NOUN/VERB word."""
        if self.chance(0.65):
            base = self.pick(list(NOUN_VERB))
            return (base,) + NOUN_VERB[base]
        base = self.pick(list(VERBS))
        return (base,) + VERBS[base]

    def intransitive(self):
        roll = self.r.random()
        if roll < 0.4:
            base = self.pick(list(RUN_WORK))
            return (base,) + RUN_WORK[base]
        if roll < 0.65:
            base = self.pick(NOUN_VERB_INTRANSITIVE)
            return (base,) + NOUN_VERB[base]
        base = self.pick(list(INTRANSITIVE))
        return (base,) + INTRANSITIVE[base]

    def finite(self, verb, person):
        """A finite verb group for a subject: past, present, modal + base, do + not + base, or perfect."""
        base, third, past, participle = verb
        roll = self.r.random()
        if roll < 0.25:
            return [w(past, "VERB", base)]
        if roll < 0.5:
            return [w(third if person == "sg" else base, "VERB", base)]
        if roll < 0.72:
            group = [w(self.pick(MODALS), "AUX")]
            if self.chance(0.25):
                group.append(w("not", "PART"))
            return group + [w(base, "VERB")]
        if roll < 0.86:
            aux = self.pick(["did", "does" if person == "sg" else "do"])
            return [w(aux, "AUX", "do"), w("not", "PART"), w(base, "VERB")]
        return [w("has" if person == "sg" else "have", "AUX", "have"), w(participle, "VERB", base)]

    def copula(self, person):
        forms = {"sg": ["is", "was"], "i": ["am", "was"]}.get(person, ["are", "were"])
        return [w(self.pick(forms), "AUX", "be")]

    # --- clauses -------------------------------------------------------------------------------------------------
    def clause(self, depth=0):
        roll = self.r.random()
        copular = 0.52 <= roll < 0.66
        kind = self.pick(["agent", "thing"]) if copular else "agent"
        subject, person = self.noun_phrase(subject=True, kind=kind)
        if roll < 0.38:                       # they booked the red book (in the park)
            words = subject + self.finite(self.transitive(), person) + self.object_phrase()
            if self.chance(0.25):
                words += self.place_phrase()
            return words
        if roll < 0.52:                       # she ran fast / we worked hard / they left early
            words = subject + self.finite(self.intransitive(), person)
            if self.chance(0.7):
                words.append(w(self.pick(ADJ_ADV), "ADV"))
            elif self.chance(0.5):
                words.append(w("well", "ADV"))
            else:
                words.append(w("back", "ADV"))
            return words
        if roll < 0.66:                       # the car is (very) fast / the test was hard
            words = subject + self.copula(person)
            if self.chance(0.2):
                words.append(w("not", "PART"))
            if self.chance(0.3):
                words.append(w(self.pick(DEGREE), "ADV"))
            return words + self.adjective()
        if roll < 0.74:                       # they want to watch the game
            verb = self.pick(["want", "need", "hope", "plan"])
            tag_form = {"want": ("wants", "wanted"), "need": ("needs", "needed"), "hope": ("hopes", "hoped"),
                        "plan": ("plans", "planned")}[verb]
            form = self.pick([tag_form[1], tag_form[0] if person == "sg" else verb])
            return subject + [w(form, "VERB", verb), w("to", "PART")] + [w(self.transitive()[0], "VERB")] + self.object_phrase()
        if roll < 0.82:                       # we went to the park / walked round the lake
            verb = self.pick([("went", "go"), ("walked", "walk"), ("ran", "run"), ("drove", "drive")])
            prep = self.pick([("to", "ADP"), ("to", "ADP"), ("round", "ADP"), ("into", "ADP")])
            return subject + [w(verb[0], "VERB", verb[1]), w(*prep)] + self.noun_phrase(allow_pronoun=False, kind="place")[0]
        if roll < 0.9 and depth == 0:         # I think that the movie was good
            verb = self.pick(list(SAY_VERBS))
            form = self.pick([SAY_VERBS[verb][1], SAY_VERBS[verb][0] if person == "sg" else verb])
            return subject + [w(form, "VERB", verb), w("that", "SCONJ")] + self.clause(depth + 1)
        if roll < 0.95:                       # I liked the book that she wrote
            verb = self.transitive()
            head, _ = self.noun_phrase(allow_pronoun=False, plural=False)
            inner, _ = self.noun_phrase(subject=True, kind="agent")
            return subject + self.finite(self.transitive(), person) + head + [w("that", "PRON")] + inner + \
                [w(verb[2], "VERB", verb[0])]
        # there is a light in the window
        plural = self.chance(0.3)
        return [w("there", "PRON")] + self.copula("pl" if plural else "sg") + \
            self.noun_phrase(plural=plural, allow_pronoun=False)[0] + self.place_phrase()

    def sentence(self):
        roll = self.r.random()
        end = [w(".", "PUNCT")]
        if roll < 0.4:
            body = self.clause()
        elif roll < 0.51:                     # Book a table for two ! / Please park the car here .
            verb = self.transitive()
            body = ([w("please", "INTJ")] if self.chance(0.3) else []) + [w(verb[0], "VERB")] + self.object_phrase()
            if self.chance(0.4):
                body += self.pick([[w("here", "ADV")], [w("there", "ADV")], [w("again", "ADV")], [w("now", "ADV")]])
            end = [w(self.pick([".", "!"]), "PUNCT")]
        elif roll < 0.61:                     # After the game , ... / After we ate , ...
            word = self.pick(["after", "before"])
            if self.chance(0.5):
                lead = [w(word, "ADP")] + self.noun_phrase(allow_pronoun=False, kind="event")[0]
            else:
                lead = [w(word, "SCONJ")] + self.clause(depth=1)
            body = lead + [w(",", "PUNCT")] + self.clause(depth=1)
        elif roll < 0.67:                     # when / because / if / while
            body = [w(self.pick(["when", "because", "if", "while"]), "SCONJ")] + self.clause(depth=1) + \
                [w(",", "PUNCT")] + self.clause(depth=1)
        elif roll < 0.75:                     # ... and / but ...
            body = self.clause(depth=1) + [w(self.pick(["and", "but", "or"]), "CCONJ")] + self.clause(depth=1)
        elif roll < 0.8:                      # oh , ... / well , ... / no , ...
            body = [w(self.pick(INTERJECTIONS + ["well", "no"]), "INTJ"), w(",", "PUNCT")] + self.clause(depth=1)
            end = [w(self.pick([".", "!"]), "PUNCT")]
        elif roll < 0.84:                     # the can / the will / the back door / a light bag
            pick = self.r.random()
            if pick < 0.35:
                body = [w(self.pick(["the", "a", "that"]), "DET"), w("can", "NOUN")] + self.copula("sg") + self.adjective()
            elif pick < 0.55:
                body = [w(self.pick(POSSESSIVES), "PRON"), w("will", "NOUN")] + self.copula("sg") + [w("clear", "ADJ")]
            elif pick < 0.8:
                subject, person = self.noun_phrase(subject=True, kind="agent")
                body = subject + self.finite(("open", "opens", "opened", "opened"), person) + \
                    [w("the", "DET"), w("back", "ADJ"), w(self.pick(["door", "window", "gate"]), "NOUN")]
            else:
                subject, person = self.noun_phrase(subject=True, kind="agent")
                body = subject + self.finite(self.transitive(), person) + [w("a", "DET"), w("light", "ADJ"),
                                                                           w(self.pick(["bag", "lamp", "box"]), "NOUN")]
        elif roll < 0.88:                     # she sings like a bird / they like the song / I like that .
            subject, person = self.noun_phrase(subject=True, kind="agent")
            if self.chance(0.5):
                verb = self.intransitive()
                body = subject + [w(verb[2], "VERB", verb[0]), w("like", "ADP")] + self.noun_phrase(allow_pronoun=False, kind="agent")[0]
            else:
                form = self.pick(["liked", "likes" if person == "sg" else "like"])
                body = subject + [w(form, "VERB", "like")] + self.pick([[w("that", "PRON")], [w("that", "DET"), self.noun()]])
        elif roll < 0.92:                     # numbers and symbols: The ticket costs $5 . / Prices rose 10% .
            if self.chance(0.5):
                subject, _ = self.noun_phrase(subject=True, allow_pronoun=False, plural=False)
                body = subject + [w(self.pick(["costs", "cost"]), "VERB", "cost"), w("$", "SYM"), w(self.pick(["5", "12", "20", "99"]), "NUM")]
            else:
                verb = self.pick([("fell", "fall"), ("rose", "rise")])
                body = [w("the", "DET"), w(self.pick(["price", "rent", "fare"]), "NOUN"), w(verb[0], "VERB", verb[1]),
                        w(self.pick(["10", "20", "5"]), "NUM"), w("%", "SYM")]
        elif roll < 0.95:                     # numbers: we bought three watches
            subject, person = self.noun_phrase(subject=True, kind="agent")
            body = subject + self.finite(self.transitive(), person) + [w(*self.number_word()), self.noun(plural=True)]
        elif roll < 0.97:                     # foreign words are X
            subject, person = self.noun_phrase(subject=True, kind="agent")
            body = subject + [w("said", "VERB", "say"), w(self.pick(FOREIGN), "X"), w("and", "CCONJ"),
                              w(self.pick(["left", "smiled", "waved"]), "VERB", None)]
            body[-1] = w(body[-1][0], "VERB", {"left": "leave", "smiled": "smile", "waved": "wave"}[body[-1][0]])
        else:                                 # questions: Can you watch the game ?
            subject, person = self.noun_phrase(subject=True, kind="agent")
            body = [w(self.pick(MODALS), "AUX")] + subject + [w(self.transitive()[0], "VERB")] + self.object_phrase()
            end = [w("?", "PUNCT")]
        # "a" before a vowel is "an"
        for i in range(len(body) - 1):
            if body[i][0] == "a" and body[i + 1][0][0] in "aeiou":
                body[i] = w("an", "DET", "a")
        words = body + end
        first = words[0]
        if first[1] != "PROPN" and first[0] != "I":
            words[0] = (first[0][0].upper() + first[0][1:], first[1], first[2])
        return words


NO_SPACE_BEFORE = {".", ",", "!", "?", "%"}
NO_SPACE_AFTER = {"$"}


def space_after(words, i):
    return i + 1 < len(words) and words[i + 1][0] not in NO_SPACE_BEFORE and words[i][0] not in NO_SPACE_AFTER


def detokenize(words):
    return "".join(form + (" " if space_after(words, i) else "") for i, (form, _, _) in enumerate(words))


def conllu(sentences, prefix):
    lines = []
    for n, words in enumerate(sentences, 1):
        lines.append(f"# sent_id = {prefix}-{n:03d}")
        lines.append(f"# text = {detokenize(words)}")
        for i, (form, tag, lemma) in enumerate(words):
            misc = "_" if space_after(words, i) or i + 1 == len(words) else "SpaceAfter=No"
            lines.append("\t".join([str(i + 1), form, lemma, tag, "_", "_", "_", "_", "_", misc]))
        lines.append("")
    return "\n".join(lines) + "\n"


def make_pos(rng, total=600, split=(420, 90, 90)):
    grammar = Grammar(rng)
    seen, sentences = set(), []
    while len(sentences) < total:
        words = grammar.sentence()
        key = detokenize(words)
        if 4 <= len(words) <= 16 and key not in seen:
            seen.add(key)
            sentences.append(words)
    train, dev, test = sentences[:split[0]], sentences[split[0]:split[0] + split[1]], sentences[split[0] + split[1]:]
    return {"train": train, "dev": dev, "test": test}


def context_baseline(train, test):
    """Accuracy on test of a lookup of (previous word, word, next word) in train, backing off to (previous word, word),
    (word, next word), then word alone: how much one word of context on each side recovers."""
    def windows(sentence):
        words = ["<s>"] + [form.lower() for form, _, _ in sentence] + ["</s>"]
        for i, (_, tag, _) in enumerate(sentence, 1):
            yield [(words[i - 1], words[i], words[i + 1]), (words[i - 1], words[i]), (words[i], words[i + 1]), (words[i],)], tag

    tables = [collections.defaultdict(collections.Counter) for _ in range(4)]
    for s in train:
        for keys, tag in windows(s):
            for table, key in zip(tables, keys):
                table[key][tag] += 1
    correct = total = 0
    for s in test:
        for keys, tag in windows(s):
            guess = next((table[key].most_common(1)[0][0] for table, key in zip(tables, keys) if key in table), "NOUN")
            correct += guess == tag
            total += 1
    return correct / total


def pos_statistics(splits):
    train = splits["train"]
    by_word = collections.defaultdict(collections.Counter)
    for s in train:
        for form, tag, _ in s:
            by_word[form.lower()][tag] += 1
    tag_counts = collections.Counter(tag for part in splits.values() for s in part for _, tag, _ in s)
    most_frequent_tag = tag_counts.most_common(1)[0][0]
    best = {word: counts.most_common(1)[0][0] for word, counts in by_word.items()}
    correct = total = unknown = 0
    for s in splits["test"]:
        for form, tag, _ in s:
            guess = best.get(form.lower())
            if guess is None:
                unknown += 1
                guess = most_frequent_tag
            correct += guess == tag
            total += 1
    all_words = collections.defaultdict(set)
    for part in splits.values():
        for s in part:
            for form, tag, _ in s:
                all_words[form.lower()].add(tag)
    ambiguous = sorted(word for word, tags in all_words.items() if len(tags) > 1)
    return tag_counts, correct / total, unknown, ambiguous, most_frequent_tag


# ---------------------------------------------------------------------------------------------------------------------
# Review sentences.

GOOD = ["good", "great", "wonderful", "funny", "brilliant", "lovely", "excellent", "clever", "beautiful", "exciting"]
BAD = ["bad", "boring", "awful", "terrible", "dull", "weak", "slow", "silly", "poor", "messy"]
REVIEW_THINGS = ["the plot", "the acting", "the story", "the music", "the ending", "the cast", "the dialogue", "the film",
          "this movie", "the camera", "the battery", "the screen", "the sound", "this phone", "the design", "the show"]
PLURAL_THINGS = ["actors", "songs", "jokes", "effects", "characters", "photos", "scenes", "colors"]
SINGULAR_THINGS = ["plot", "story", "ending", "script", "battery", "screen", "design", "soundtrack"]


def make_reviews(rng, total=500, split=400):
    def polar(label):
        return rng.choice(GOOD if label == "positive" else BAD)

    def other(label):
        return "negative" if label == "positive" else "positive"

    def article(word):
        return ("an " if word[0] in "aeiou" else "a ") + word

    def sentence(label):
        roll = rng.random()
        thing, thing2 = rng.sample(REVIEW_THINGS, 2)
        if roll < 0.16:                       # the plot was great
            return f"{thing} was {rng.choice(['', 'really ', 'very ', 'quite '])}{polar(label)}"
        if roll < 0.32:                       # the plot was not good / not boring at all
            return f"{thing} was not {polar(other(label))}{rng.choice(['', ' at all'])}"
        if roll < 0.48:                       # good actors but a boring plot: the second half decides
            return f"{polar(other(label))} {rng.choice(PLURAL_THINGS)} but {article(polar(label))} {rng.choice(SINGULAR_THINGS)}"
        if roll < 0.6:                        # the music was great , but the ending was awful
            return f"{thing} was {polar(other(label))} , but {thing2} was {polar(label)}"
        if roll < 0.68:                       # although the plot was weak , the acting was great
            return f"although {thing} was {polar(other(label))} , {thing2} was {polar(label)}"
        if roll < 0.8:                        # i loved it / i did not like it
            if label == "positive":
                return rng.choice([f"i {rng.choice(['loved', 'liked', 'enjoyed'])} {thing}",
                                   f"i did not hate {thing}", f"i would watch it again",
                                   f"i would recommend {thing}"])
            return rng.choice([f"i {rng.choice(['hated', 'disliked'])} {thing}",
                               f"i did not {rng.choice(['like', 'enjoy', 'love'])} {thing}",
                               f"i would not recommend {thing}", f"i would not watch it again"])
        if roll < 0.9:                        # not bad at all / not good at all
            return f"not {polar(other(label))} at all{rng.choice(['', ' , ' + thing + ' was ' + polar(label)])}"
        # it could not be better / worse; never boring / never good
        if label == "positive":
            return rng.choice([f"{thing} could not be better", f"never {rng.choice(BAD)} , always {rng.choice(GOOD)}",
                               f"{thing} was never {rng.choice(BAD)}"])
        return rng.choice([f"{thing} could not be worse", f"never {rng.choice(GOOD)} , always {rng.choice(BAD)}",
                           f"{thing} was never {rng.choice(GOOD)}"])

    seen, examples = set(), []
    while len(examples) < total:
        label = "positive" if len(examples) % 2 == 0 else "negative"
        text = sentence(label)
        text = text[0].upper() + text[1:] + rng.choice([" .", " .", " !"])
        text = text.replace(" ,", ",").replace(" .", ".").replace(" !", "!").replace("  ", " ")
        if text in seen:
            continue
        seen.add(text)
        examples.append((text, label))
    rng.shuffle(examples)
    return examples[:split], examples[split:]


def bag_of_words_baseline(train, test):
    """Accuracy on test of a unigram naive Bayes (add-one smoothing) trained on train: what ignoring word order gets."""
    counts = {label: collections.Counter() for _, label in train}
    priors = collections.Counter(label for _, label in train)
    for text, label in train:
        counts[label].update(text.lower().replace(",", " ,").replace(".", " .").replace("!", " !").split())
    vocabulary = set().union(*counts.values())


    def score(text, label):
        total = sum(counts[label].values()) + len(vocabulary)
        words = text.lower().replace(",", " ,").replace(".", " .").replace("!", " !").split()
        return math.log(priors[label]) + sum(math.log((counts[label][t] + 1) / total) for t in words)

    correct = sum(max(counts, key=lambda label: score(text, label)) == gold for text, gold in test)
    return correct / len(test)


def tsv(examples):
    return "".join(f"{text}\t{label}\n" for text, label in examples)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    rng = random.Random(SEED)
    splits = make_pos(rng)
    for name, sentences in splits.items():
        write(os.path.join(DATA, "pos", f"{name}.conllu"), conllu(sentences, name))
    tag_counts, baseline, unknown, ambiguous, top = pos_statistics(splits)
    print("POS corpus (data/pos):")
    for name, sentences in splits.items():
        lengths = [len(s) for s in sentences]
        print(f"  {name:5s} {len(sentences):4d} sentences, {sum(lengths):5d} tokens, length {min(lengths)}-{max(lengths)}")
    print(f"  tags ({len(tag_counts)} of 17): " + ", ".join(f"{t} {c}" for t, c in tag_counts.most_common()))
    print(f"  word types with more than one tag (lower-cased): {len(ambiguous)}: {' '.join(ambiguous)}")
    print(f"  most-frequent-tag baseline on test (learned on train, unknown words -> {top}): "
          f"{baseline:.1%} ({unknown} unknown test tokens)")

    train, test = make_reviews(random.Random(SEED + 1))
    write(os.path.join(DATA, "sentences", "train.tsv"), tsv(train))
    write(os.path.join(DATA, "sentences", "test.tsv"), tsv(test))
    print(f"  one word of context each side (trigram lookup with back-off, learned on train) on test: "
          f"{context_baseline(splits['train'], splits['test']):.1%}")
    print("Review sentences (data/sentences):")
    for name, examples in (("train", train), ("test", test)):
        counts = collections.Counter(label for _, label in examples)
        majority = counts.most_common(1)[0]
        print(f"  {name:5s} {len(examples):4d} examples: " + ", ".join(f"{l} {c}" for l, c in sorted(counts.items())) +
              f"; majority-class baseline {majority[1] / len(examples):.1%}")
    print(f"  bag-of-words naive Bayes (trained on train, no word order) on test: {bag_of_words_baseline(train, test):.1%}")


if __name__ == "__main__":
    main()
