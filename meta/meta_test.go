package meta

import (
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/corpus"
)

func TestDetect(t *testing.T) {
	d := New(corpus.Default())
	tt := []struct {
		q    string
		want Kind // "" for a question about the content
	}{
		{"résume l'entretien", Summary},
		{"tl;dr", Summary},
		{"TLDR pls", Summary},
		{"de quoi parle l'interview ?", Summary},
		{"who is the interviewer", Interviewer},
		{"qui a mené l'interview", Interviewer},
		{"when did the interview take place", When},
		{"quand a eu lieu l'entretien ?", When},
		{"où a eu lieu l'entretien ?", Where},
		{"c'est quel journal", Publication},
		{"who is being interviewed?", Who},
		{"qui est Brad Smith ?", Who},
		{"combien de questions on lui pose", Count},
		{"how many questions did the journalist ask?", Count},
		{"Is Brad Smith the CEO of Microsoft?", Who},
		{"quiz me", Quiz},
		{"list all the questions the journalist asked", Questions},
		{"quelles questions le journaliste a posé ?", Questions},
		{"who asked the questions?", Interviewer},
		{"what questions were asked", Questions},
		{"quelles questions ont été posées ?", Questions}, // README's example
		{"les questions posées sur WannaCry", ""},
		{"combien de questions on lui pose", Count},
		{"how many questions did the journalist ask?", Count},
		{"Is Brad Smith the CEO of Microsoft?", Who},
		{"did he answer all the questions honestly", ""},
		{"what questions did he dodge", ""},
		{"what did the journalist ask about Google?", ""},
		{"Fais-moi un QCM", Quiz},
		{"Was this interview originally in French or English?", Language},
		{"Que pense Brad Smith de l'espionnage ?", ""},
		{"tldr why does microsoft care about cyber war", ""},
		{"c'est qui ?", Who},
		{"c'est qui qui fait les lois selon lui", ""},
		{"qui l'a interviewé ?", Interviewer},
		{"de quoi ça parle ?", Summary},
		{"in a nutshell?", Summary},
		{"ask me a question about it", Quiz},
		{"résume ce qu'il dit sur l'espionnage", ""},
		// What a summary is for names no topic; a word of the interview,
		// or a name, does.
		{"Pour notre newsletter, tu peux me faire un résumé de l'entretien ?", Summary},
		{"explain this interview to my little brother lol", Summary},
		// What it is for: a day, a class group, being behind.
		{"Give me the main takeaways for my seminar on Thursday", Summary},
		{"Présente-moi l'entretien comme si je ne l'avais jamais lu.", Summary},
		{"Quelle est l'idée directrice de l'interview ?", Summary},
		{"What are the main themes running through the Q&A?", Summary},
		{"compare the journalist's take on ms with smith's own take", ""},
		{"Comment l'article présente-t-il Brad Smith ?", ""},
		// Some other text: a job interview, an article of one's own.
		{"I have a job interview tomorrow, any tips?", ""},
		{"résume ce qu'il dit sur Huawei", ""},
		{"tldr on the 5G rollout", ""},
		{"summary of the parallel he draws with the 1930s", ""},
		{"what's the bottom line on bitcoin", ""},
		{"Give me the abstract syntax tree", ""},
		{"what does he argue about tiktok?", ""},
		{"tldr of the whole interview pls", Summary},
		{"Résume l'entretien en quelques lignes", Summary},
		{"What topics does the interview cover?", Summary},
		{"sum up the interview on cyber diplomacy", Summary},
		{"what is brad smith's job?", Who},
		{"c'est une interview de qui ?", Who},
		{"fais-moi un résumé", Summary},
		{"il a été interviewé où ?", Where},
		{"was it in french originally?", Language},
		{"Is Microsoft answering to governments?", ""},
		{"Who signed the Paris Call?", ""},
		{"Where did WannaCry hit?", ""},
		{"When did the WannaCry virus spread, according to the article?", ""},
		{"Why does the newspaper suspect Microsoft's activism could be a distraction?", ""},
		{"Which journalist interviewed Brad Smith?", Interviewer},
		{"Résume-moi l'entretien en trois points.", Summary},
		{"What is the main topic covered in this piece?", Summary},
		{"What kind of document is this, and who is speaking?", Who},
		{"Quel est le nom du journal qui a réalisé cet entretien ?", Publication},
		// A question that names the interview and nothing else asks
		// what it says, with no cue; any other word names a topic.
		{"Explique-moi l'interview comme si j'avais 10 ans 😅", Summary},
		{"how to prepare for a job interview", ""},
		{"Pour une dissertation sur les années 1930, quel passage de l'interview je peux citer ?", ""},
		{"quelle est la thèse défendue par Brad Smith ?", Summary},
		{"ok so what's the overall message here", Summary},
		{"what's the overall message on spying", ""},
		// Words to translate are not a question about the interview's
		// language.
		{"Comment on traduit « les premiers intervenants » en anglais ?", ""},
		{"l'entretien a-t-il été traduit ?", Language},
		// Beside a word that asks for a summary whatever the rest says,
		// words the interview lacks say what it is for; an everyday word
		// far from it, or a name, is a topic.
		{"Quick recap for our weekly newsletter?", Summary},
		{"résumé pls, I'm in a rush", Summary},
		{"recap of the football match", ""},
		{"résume-moi Les Misérables", ""},
		{"Fais-moi un condensé de l'interview avec le directeur juridique de Microsoft", Summary},
		// Naming the interview, an everyday word says what it is for.
		{"Quick recap of the interview for my book club", Summary},
		{"Fais un résumé de l'interview pour mon club de débat", Summary},
		// The asker's text, a number, a translation: no summary.
		{"traduis mon texte en anglais stp", ""},
		{"Dans l'entretien, il y a combien de mots ?", ""},
		{"traduis l'article en anglais", ""},
		// His role names him beside the subject's name only.
		{"en gros il dit koi le président de microsoft ??", Summary},
		{"what does he say about the president?", ""},
		{"Résume l'entretien avec tes propres mots, en 5 lignes max", Summary},
		{"Aide-moi à faire une fiche de lecture de l'entretien stp", Summary},
		{"explain it like I'm 12", Summary},
		{"where was Smith when he answered the paper's questions?", When}, // the first cue decides; the reply gives the place
		{"where was the Paris Call presented?", ""},
		// A greeting or thanks with no question.
		{"merci beaucoup !", Chat},
		{"salut le bot, ça va ?", Chat},
		{"thanks!", Chat},
		{"Bonjour, que pense Smith de l'espionnage ?", ""},
		{"hey what does he say about democracy", ""},
	}
	for _, tc := range tt {
		got, ok := d.Detect(tc.q)
		if ok != (tc.want != "") || got.Kind != tc.want {
			t.Errorf("Detect(%q) = %q, %v; want %q", tc.q, got.Kind, ok, tc.want)
		}
	}
}

// TestPlain: a word that asks for a summary in so many words, and no
// name, year, off-topic word or other request beside it.
func TestPlain(t *testing.T) {
	d := New(corpus.Default())
	tt := []struct {
		q    string
		want bool
	}{
		{"Un petit résumé de l'article ? merci d'avance", true},
		{"résumé pls, I'm in a rush", true},
		{"recap of the football match", false},
		{"résume-moi Les Misérables", false},
		{"tldr on the 5G rollout", false},
		{"traduis mon résumé en anglais", false},
		{"Que pense Smith de l'espionnage ?", false}, // no such word
		{"was the interview edited?", false},         // naming it is not asking for it
		{"l'article est-il payant ?", false},
	}
	for _, tc := range tt {
		if got := d.Plain(tc.q); got != tc.want {
			t.Errorf("Plain(%q) = %v; want %v", tc.q, got, tc.want)
		}
	}
}

func TestStated(t *testing.T) {
	for _, k := range []Kind{Who, When, Where, Summary, Count, Questions, Quiz, Language} {
		if !k.Stated() {
			t.Errorf("%s: Stated() = false; the interview says it", k)
		}
	}
	for _, k := range []Kind{Interviewer, Publication} {
		if k.Stated() {
			t.Errorf("%s: Stated() = true; the interview names no journalist and no newspaper", k)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{"summary\n", "summary\t  \n", "who\t+\n", "quiz\tquiz me\tde\n", "weather\tit rains\n"} {
		if _, err := Parse(strings.NewReader(in), "X"); err == nil {
			t.Errorf("Parse(%q) = nil error; want one", in)
		}
	}
}

func TestKeyQuotes(t *testing.T) {
	iv := corpus.Default()
	kq := KeyQuotes(iv)
	if len(kq) != len(iv.Exchanges()) {
		t.Fatalf("KeyQuotes: %d; want one per exchange (%d)", len(kq), len(iv.Exchanges()))
	}
	for i, q := range kq {
		if !q.Paragraph.IsInterviewee() || q.Paragraph.Exchange != i+1 || q.Sentence >= len(q.Paragraph.FR) {
			t.Errorf("KeyQuotes[%d] = %s[%d]; want an answer sentence of exchange %d", i, q.Paragraph.ID, q.Sentence, i+1)
		}
	}
}

func FuzzDetect(f *testing.F) {
	d := New(corpus.Default())
	for _, s := range []string{"tl;dr", "qui est Brad Smith ?", "où + entretien", "’’’"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if m, ok := d.Detect(q); ok != (m.Kind != "") || (m.Lang != "" && m.Lang != "fr" && m.Lang != "en") {
			t.Fatalf("Detect(%q) = %+v, %v", q, m, ok)
		}
	})
}
