package retrieval

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/retrieval/analysis"
)

// TestWords checks the steps a question goes through before scoring:
// chat-speak, elisions typed without an apostrophe, and phrases.
func TestWords(t *testing.T) {
	ix := newIndex(t)
	fr := ix.langs[langSlot(French)]
	tt := []struct {
		lang     Language
		question string
		want     string // the words, space-separated
	}{
		{French, "pk msft fait de la diplo", "pourquoi microsoft fait de la diplomatie"},
		{French, "l'appel de Paris", "appel_de_paris"},
		{French, "les appels de Paris", "les appel_de_paris"},
		{French, "lappel de paris sa sert a koi", "appel_de_paris sa sert quoi"},
		{French, "Quel temps fait-il à Paris ?", "quel_temp fait il paris"},
		{French, "informatique en nuage", "informat_en_nuag"},
		{English, "ww2 and the Paris Call", "second_world_war and the pari_call"},
		{English, "wat does msft say abt govts", "what does microsoft say about governments"},
	}
	for _, tc := range tt {
		an := analysis.New(tc.lang)
		got := strings.Join(an.QuestionWords(tc.question, fr.knowsWord, nil), " ")
		if tc.lang == English {
			got = strings.Join(an.Words(tc.question, true), " ")
		}
		if got != tc.want {
			t.Errorf("%s words(%q) = %q; want %q", tc.lang, tc.question, got, tc.want)
		}
	}
}

// TestConfidence grades questions of each shape the bank covers: framing
// words never push into none, a phrase the interview lacks does.
func TestConfidence(t *testing.T) {
	ix := newIndex(t)
	tt := []struct {
		question string
		want     Confidence
		first    string // the paragraph ranked first, if any
	}{
		{"Is Brad Smith worried about democracy?", Answer, "a8.1"},
		{"Brad Smith a-t-il peur pour la démocratie ?", Answer, "a8.1"},
		{"Is espionage acceptable?", Answer, "a7.1"},
		{"il pense koi des hackers", Answer, ""},
		{"microsoft a signé l'appel de paris ou pas", Answer, "a6.1"},
		{"How many people died at Verdun?", Closest, "a7.1"},
		{"Que reproche Brad Smith aux entreprises des années précédant la Seconde Guerre mondiale ?", Closest, "a5.2"},
		{"pk les gouvernements s'interessent a microsoft", Answer, "a3.1"},
		// The interview's own key words are evidence that the topic is
		// its, however often it uses them; a stray name is not.
		{"Pense-t-il que les gouvernements comptent plus que les entreprises ?", Closest, "a2.1"},
		{"Quels sont les meilleurs restaurants italiens à Paris ?", None, ""},
		// A typo whose stem is far from the text's: corrected as written.
		{"pk les gouvernemnts s'interessent a microsoft", Answer, "a3.1"},
		// "celui-ci" is two stop words, not an unknown "ci".
		{"Est-il d'accord avec Macron quand celui-ci compare notre époque aux années 1930 ?", Answer, "a8.1"},
		{"Quel temps fait-il à Paris ?", None, ""},
		// A name the interview lacks: at best the closest passage.
		{"Did the US sign the Paris Call?", Closest, ""},
		{"Was Russia behind WannaCry?", Closest, ""},
		{"Microsoft parle-t-il de la 5G ?", None, ""},
		{"Que pense Brad Smith de l'informatique en nuage ?", None, ""},
		{"What does Brad Smith think about Huawei?", None, ""},
		{"how do i center a div", None, ""},
		{"recette de la pâte à crêpes", None, ""},
		{"Can you explain the offside rule in football?", None, ""},
		{"How many countries signed the Paris Call?", Closest, ""},
		// "Quels pays" asks for names, and a phrase names its words:
		// "Paris" is the question's, not an answer. "Quels principes"
		// asks for ideas, which the text gives in words.
		{"Quels pays ont signé l'appel de Paris ?", Closest, "a6.1"},
		{"Quels pays Brad Smith cite-t-il pour les années 1930 ?", Answer, "a8.1"},
		{"Quels principes de l'appel de Paris Smith met-il en avant ?", Answer, "a6.1"},
		{"How much did WannaCry cost the British hospitals?", Closest, "intro.1"},
		// The kind of thing "which" asks for: a place, a company.
		{"Which German companies stayed silent before World War II?", Closest, "a5.2"},
		{"Which hospitals were disrupted by WannaCry?", Answer, "intro.1"},
		{"Quelles entreprises jouent un rôle important dans les logiciels ?", Answer, "a4.1"},
		{"Quelles entreprises Smith cite-t-il ?", Answer, ""}, // a4.1 or a5.1, which name them
		// A place named beside "hospitals", not anywhere in the passage.
		{"Which specific schools or hospitals were hit by cyberattacks, according to Smith?", Closest, "a7.1"},
		{"Which other company does Smith think is starting to do more in this area?", Answer, "a5.1"},
		// The asker's own matter (TestAsksOwn); a quote for one's own
		// use is not that.
		{"Should I buy the new iPhone now or wait for the next one?", None, ""},
		{"J'ai besoin d'une citation sur la démocratie pour mon exposé", Answer, "a8.1"},
		{"I haven't read the interview, what does he say about spying?", Answer, "a7.1"},
		// Two words that ask together; a figure the text does not give.
		{"Depuis quand Brad Smith est-il président de Microsoft ?", Closest, "intro.3"},
		{"What percentage of the smartphone market does Android have?", Closest, "a4.1"},
		// "Quel est l'état" describes; "quel état" names.
		{"Quel est l'état du cyberespace selon lui ?", Answer, "a7.1"},
		// Its focus is an everyday thing the interview never names,
		// whatever words it shares, or an expression made of its words.
		{"How do I make a fluffy French omelette?", None, ""},
		{"What are the warning signs of a heart attack?", None, ""},
		{"Qui a gagné la coupe du monde ?", None, ""},
		// Which… asks for named things: a passage naming none is only
		// the closest.
		{"Which states see Microsoft as a private diplomacy?", Closest, "a2.1"},
		{"Quelles entreprises jouent un rôle important dans les logiciels ?", Answer, "a4.1"},
		{"Quelles entreprises Smith cite-t-il ?", Answer, ""}, // a4.1 or a5.1, which name them
		// A place named beside "hospitals", not anywhere in the passage.
		{"Which specific schools or hospitals were hit by cyberattacks, according to Smith?", Closest, "a7.1"},
		{"Which other company does Smith think is starting to do more in this area?", Answer, "a5.1"},
		// English words in a French question that no function word
		// gives away: read as mixed, the closest at best.
		{"il pense quoi du cyberwar Brad Smith", Closest, "a1.1"},
		// Context before a question its best passage answers lowers no
		// confidence.
		{"J'ai lu un article hier sur les cyberattaques contre les hôpitaux pendant le covid. Ça m'a fait penser à cette interview. Que dit Smith sur les hôpitaux ?", Answer, "a7.1"},
		{"une phrase choc sur la démocratie pour mon exposé", Answer, "a8.1"},
		// What a quote is for does not count against its topic; the
		// topic does.
		{"quote about hospitals for my infographic", Answer, "a7.1"},
		{"a punchy quote on democracy for my podcast intro", Answer, "a8.1"},
		{"quote where he talks about ransomware payments or bitcoin", Closest, ""},
		// A year it never names is a time it does not cover.
		{"Combien de victimes aux attentats du 13 novembre 2015 à Paris ?", None, ""},
		{"Who actually won the Battle of Verdun in 1916?", None, ""},
		// What someone else said: the interview holds only his words and
		// the newspaper's.
		{"What did Google say about the Paris Call?", Closest, "a6.1"},
		{"What did Smith say about Google and Apple?", Answer, "a5.1"},
		{"is it true he says Google is doing less?", Answer, "a5.1"},
		{"qu'a répondu Apple au journaliste sur Google ?", Closest, ""},
		{"Sur Apple, que dit-il ?", Answer, ""},                 // he says it
		{"Did he mention Google when he answered?", Answer, ""}, // he answered
		// A name the interview lacks does not decline a question whose
		// other part it answers.
		{"Que pense Smith de Huawei et de la sécurité des logiciels ?", Closest, "a4.1"},
		{"Est-ce que Smith parle de Trump et des élections ?", Closest, "a8.1"},
		{"Quick one. Thoughts on elections?", Closest, "a8.1"}, // "Thoughts" opens a sentence: no name
		// A name asked for is one the question does not give already.
		{"c'était quoi le nom de la faille Windows exploitée par WannaCry ?", Closest, ""},
		// How many asks for a number of what it counts: the article
		// counts computers, not hospitals or days.
		{"how many computers did wannacry hit", Answer, "intro.1"},
		{"Exactly how many British hospitals were hit by WannaCry?", Closest, "intro.1"},
		{"Pendant combien de jours les hôpitaux britanniques ont-ils été perturbés ?", Closest, "intro.1"},
		{"combien d'entreprises jouent un rôle important dans les logiciels", Answer, "a4.1"},
	}
	for _, tc := range tt {
		res := ix.Search(Query{Text: tc.question})
		if res.Confidence != tc.want {
			t.Errorf("Search(%q).Confidence = %q; want %q", tc.question, res.Confidence, tc.want)
		}
		if tc.first != "" && (len(res.Hits) == 0 || res.Hits[0].Paragraph.ID != tc.first) {
			t.Errorf("Search(%q) ranks %v first; want %s", tc.question, ids(res), tc.first)
		}
	}
}

// TestAnswerType checks that a question asking how many or when gets the
// passage, and the sentence, with the number or the date.
func TestAnswerType(t *testing.T) {
	ix := newIndex(t)
	for _, q := range []string{"how many computers did wannacry hit", "Quand WannaCry a-t-il frappé ?",
		"Combien d'ordinateurs WannaCry a-t-il touchés, d'après l'article ?"} {
		res := ix.Search(Query{Text: q})
		if len(res.Hits) == 0 || res.Hits[0].Paragraph.ID != "intro.1" {
			t.Fatalf("Search(%q) ranks %v; want intro.1 first", q, ids(res))
		}
		s, _, _ := res.Hits[0].Sentences()
		if best := slices.Index(s, slices.Max(s)); best != 3 {
			t.Errorf("Search(%q): best sentence %d of intro.1 (%v); want 3, which gives the figure and the date", q, best, s)
		}
	}
}

// TestReplyLanguage checks that Lang and Hint choose the reply's language
// only, and that a keyword question is read in its vocabulary's language.
func TestReplyLanguage(t *testing.T) {
	ix := newIndex(t)
	tt := []struct {
		q    Query
		want Language
	}{
		{Query{Text: "Que dit-il de la démocratie ?", Lang: English}, English},
		{Query{Text: "What does he say about democracy?", Lang: French}, French},
		{Query{Text: "submarine cables"}, English},
		{Query{Text: "civil society"}, English},
		{Query{Text: "hospitals"}, English},
		{Query{Text: "câbles sous-marins"}, French},
		{Query{Text: "WannaCry", Hint: English}, English},
	}
	for _, tc := range tt {
		res := ix.Search(tc.q)
		if res.Language != tc.want || res.Abstained {
			t.Errorf("Search(%+v) = language %s, abstained %v; want %s, answered", tc.q, res.Language, res.Abstained, tc.want)
		}
	}
}

func ids(res Result) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Paragraph.ID)
	}
	return out
}

// TestPhrasesAreKnown keeps phrases.tsv honest: a phrase not marked
// absent must be matched by the interview or the glossary, or a question
// naming it would be declined.
func TestPhrasesAreKnown(t *testing.T) {
	ix := newIndex(t)
	n := 0
	analysis.EachLine(os.DirFS("analysis"), "data/phrases.tsv", func(line string) {
		cols := strings.Split(line, "\t")
		if len(cols) < 2 {
			t.Errorf("phrases.tsv: %q: want a language and a phrase", line)
			return
		}
		l, err := ParseLanguage(cols[0])
		if err != nil {
			t.Errorf("phrases.tsv: %q: %v", line, err)
			return
		}
		absent := len(cols) > 2 && cols[2] == "absent"
		li := ix.langs[langSlot(l)]
		cs, _, _, _ := li.analyze(cols[1], ix.opts, false)
		s := &scored{concepts: cs}
		if missing := s.missingPhrase(); missing != absent {
			t.Errorf("phrases.tsv: %s %q: missing from the interview and glossary = %v; marked absent = %v", l, cols[1], missing, absent)
		}
		n++
	})
	if n < 20 {
		t.Errorf("phrases.tsv: %d phrases; want the whole list", n)
	}
}

// TestListKind: a question naming nothing but the kind of thing it asks
// for gets every passage of his that names one, in order.
func TestListKind(t *testing.T) {
	ix := newIndex(t)
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"which countries does smith mention?", []string{"a5.2", "a6.1", "a7.1", "a8.1"}},
		{"quelles entreprises cite-t-il ?", []string{"a4.1", "a5.1"}},
		{"which companies does he name?", []string{"a4.1", "a5.1"}},
	} {
		t.Run(tc.q, func(t *testing.T) {
			res := ix.Search(Query{Text: tc.q, K: 8})
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.Paragraph.ID)
			}
			if !slices.Equal(got, tc.want) || !res.Listing || res.Confidence != Answer {
				t.Errorf("Search(%q) = %v (listing %v, %s); want %v, listing, answer", tc.q, got, res.Listing, res.Confidence, tc.want)
			}
		})
	}
	// A topic besides the kind is a question about it.
	if res := ix.Search(Query{Text: "which countries signed the Paris Call?"}); res.Listing {
		t.Errorf("'which countries signed the Paris Call?' lists every country named; want the question searched")
	}
}
