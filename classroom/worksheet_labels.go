package classroom

import "github.com/interviewbot/interviewbot/lang"

// labels are the worksheet's words in one language.
type labels struct {
	Worksheet, Title, Unnamed, Name, Note                             string
	Passages, Introduction, QA, Translation                           string
	Glossary, Beyond, Source                                          string
	WhoSaid, WhoSaidHow                                               string
	Timeline, TimelineHow, Event, Words, Date, DateItself, OurReading string
	Comprehension, Discussion, DiscussionHow                          string
	Open, Teacher, Model, Points, Curriculum, WhyNot                  string
	Key, See, Notes, NotesHow                                         string
	Document, Minutes, Study, StudyHow, Outline, Research, Readings   string
	Criteria, Found, Levels, StudyTitle, StudyMinutes                 string
}

var sheetLabels = map[lang.Language]labels{
	lang.French: {
		Worksheet: "Fiche de travail", Name: "Nom\u00a0: ____________________      Date\u00a0: __________",
		Note:  "Seules les réponses sont de %s, telles que le journal les a publiées (il a sans doute répondu en anglais\u00a0; le français est celui du journal). L’introduction et les questions sont du journal. Citations\u00a0: le texte publié, au mot près. Repères\u00a0: intro.2, 2e paragraphe de l’introduction\u00a0; q6, question 6\u00a0; a6.1, réponse 6. Titres des Q&R\u00a0: de la fiche.",
		Title: "Entretien avec %s, %s", Unnamed: "Le texte dont nous disposons ne nomme ni le journal ni le journaliste. Source (journal, date, auteur)\u00a0: ______________________________",
		Passages: "Le texte", Introduction: "Introduction (le journal)", QA: "Q&R", Translation: "En italique sous chaque paragraphe\u00a0: notre traduction du français publié.",
		Glossary: "Glossaire (les définitions de la fiche, pas des mots du texte)", Beyond: "Glossaire\u00a0: hors de l’entretien", Source: "source\u00a0:",
		WhoSaid: "Qui l’a dit\u00a0?", WhoSaidHow: "Cochez de qui sont ces mots, tels que le journal les a publiés.",
		Timeline: "Chronologie", TimelineHow: "Recopiez les mots par lesquels le texte date chaque événement, puis la date qu’ils désignent.",
		Event: "Événement", Words: "Mots du texte", Date: "Date", DateItself: "une date, telle quelle", OurReading: "notre lecture",
		Comprehension: "Questions de compréhension", Discussion: "À discuter", DiscussionHow: "À l’oral, en classe. Le repère renvoie au passage dont part la question.",
		Open: "Questions ouvertes", Teacher: "À discuter en classe\u00a0: sujets et pistes pour l’enseignant", Model: "Questions ouvertes\u00a0: réponses modèles et points attendus", Points: "Points attendus\u00a0:",
		Curriculum: "Programme\u00a0:", WhyNot: "Pourquoi pas",
		Key: "Corrigé", See: "voir la note critique",
		Document: "Le document\u00a0:", Minutes: "Durée indicative pour la classe\u00a0: environ %d\u00a0minutes (lire le texte\u00a0: %d\u00a0; exercices et questions\u00a0: %d), sans les questions de recherche, la discussion ni l’étude critique.",
		Study: "Étude critique de document (épreuve du baccalauréat)", StudyHow: "Sur une copie, en deux heures environ.",
		Outline: "Étude critique\u00a0: une proposition de plan", Research: "recherche au CDI ou à la maison, sur une feuille à part",
		Readings: "Pour aller plus loin (niveau\u00a02)",
		Criteria: "Ce que l’on attend d’une bonne étude", Found: "Source\u00a0:",
		Levels:     "Niveaux\u00a0: 1, compréhension (%s)\u00a0; 2, analyse critique (%s).",
		StudyTitle: "étude critique de document", StudyMinutes: "Durée\u00a0: environ deux heures, comme à l’épreuve.",
		Notes: "Notes critiques", NotesHow: "Nos notes sur le texte de la fiche, pas les mots de %s\u00a0: une affirmation inexacte ou discutée, ce que le texte passe sous silence, une coquille, un mot à expliquer\u00a0; celles qui avancent des faits donnent leurs sources.",
	},
	lang.English: {
		Worksheet: "Worksheet", Name: "Name: ____________________      Date: __________",
		Note:  "Only the answers are %s’s, as the newspaper published them (he most likely answered in English; the French is the newspaper’s). The introduction and the questions are the newspaper’s. Quotes: the published French, word for word; translations ours. References: intro.2, the introduction’s 2nd paragraph; q6, question 6; a6.1, answer 6. Q&A headings are ours.",
		Title: "Interview with %s, %s", Unnamed: "The text we have names neither the newspaper nor the journalist. Source (newspaper, date, author): ______________________________",
		Passages: "The text", Introduction: "Introduction (the newspaper)", QA: "Q&A", Translation: "In italics under each paragraph: our translation of the published French.",
		Glossary: "Glossary (the worksheet’s definitions, not words of the text)", Beyond: "Glossary: beyond the interview", Source: "source:",
		WhoSaid: "Who said it?", WhoSaidHow: "Tick whose words these are, as the newspaper published them.",
		Timeline: "Timeline", TimelineHow: "Copy the words the text dates each event with, then the date they point to.",
		Event: "Event", Words: "Words of the text", Date: "Date", DateItself: "a date as it stands", OurReading: "our reading",
		Comprehension: "Comprehension questions", Discussion: "For discussion", DiscussionHow: "For discussion in class. The reference points to the passage the question starts from.",
		Open: "Open questions", Teacher: "For discussion in class: prompts and notes for the teacher", Model: "Open questions: model answers and marking points", Points: "Marking points:",
		Curriculum: "Curriculum:", WhyNot: "Why not",
		Key: "Answer key", See: "see critical note",
		Document: "The document:", Minutes: "Time for the class: about %d minutes (reading the text: %d; exercises and questions: %d), leaving out research questions, discussion and the critical study.",
		Study: "Critical study of a document (as in the French baccalauréat)", StudyHow: "On paper, in about two hours.",
		Outline: "Critical study: a suggested outline", Research: "research in the library or at home, on a separate sheet",
		Readings: "Further reading (level 2)",
		Criteria: "What a good study does", Found: "Source:",
		Levels:     "Levels: 1, comprehension (%s); 2, critical reading (%s).",
		StudyTitle: "critical study of a document", StudyMinutes: "Time: about two hours, as in the examination.",
		Notes: "Critical notes", NotesHow: "Our notes on the sheet’s text, not %s’s words: a claim that is inaccurate or disputed, what the text leaves out, a slip, a word worth explaining; those that state facts name their sources.",
	},
}

// LevelName is a level as a class reads it, by the skills it asks
// for: "compréhension", "critical reading"… Terminale's source
// criticism is the university level's, so a level is not named by
// school.
func LevelName(level string, l lang.Language) string {
	if level == University {
		return pick(l, "analyse critique", "critical reading")
	}
	return pick(l, "compréhension", "comprehension")
}

// LevelClasses names the classes a level suits.
func LevelClasses(level string, l lang.Language) string {
	if level == University {
		return pick(l, "première, Terminale, université", "upper secondary school, university")
	}
	return pick(l, "collège, seconde", "lower secondary school")
}

// levelHeading is a level as the heading of its part of the sheet, for
// students: the classes a level suits are the teacher's, in the key (a
// Terminale class reads no « collège » over its questions).
func levelHeading(level string, l lang.Language) string {
	if level == University {
		return pick(l, "Niveau 2\u00a0: analyse critique (inférence, argument, critique de la source)",
			"Level 2: critical reading (inference, argument, source criticism)")
	}
	return pick(l, "Niveau 1\u00a0: compréhension (ce que dit le texte, ses mots)",
		"Level 1: comprehension (what the text says, its words)")
}

func pick(l lang.Language, fr, en string) string {
	if l.IsEnglish() {
		return en
	}
	return fr
}
