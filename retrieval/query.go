package retrieval

import "github.com/interviewbot/interviewbot/retrieval/analysis"

// Query is one question to search for.
type Query struct {
	Text string
	// K bounds the passages returned; 0 means 3.
	K int
	// Lang forces the question's language; empty means detect it.
	Lang Language
	// Hint is the language to assume when detection is unsure, such as
	// the user's Discord locale.
	Hint Language
}

// Reply returns the language to answer q in, given the language the
// question is read in and whether that was sure: the forced one, else
// the question's when sure, else the hint.
func (q Query) Reply(read Language, sure bool) Language {
	switch {
	case q.Lang != "":
		return q.Lang
	case !sure && q.Hint != "":
		return q.Hint
	}
	return read
}

// ReplyLanguage returns the language Search answers q in.
func (ix *Index) ReplyLanguage(q Query) Language {
	return q.Reply(ix.QuestionLanguage(q.Text))
}

// Search finds the passages that answer q. A long message may give its
// context first and ask last ("Mon fils fait un exposé sur… Qu'est-ce
// que Microsoft fait pour la sécurité ?"): when the whole is declined,
// its context's words outweighing the question's, its last question
// alone may be answered; when the whole finds only the closest passage,
// and that passage answers the last question alone, it answers.
func (ix *Index) Search(q Query) Result {
	res := ix.search(q)
	if res.Confidence == Answer || res.Verbatim != VerbatimNone {
		return res
	}
	// Its last question alone, then with the sentence before it, which
	// may name what a pronoun stands for ("…the three components of
	// Microsoft's security role. What are they according to Smith?"):
	// each must name a topic of its own ("Qu'a répondu Smith ?" names
	// none).
	for i, tail := range analysis.LastQuestions(q.Text) {
		lq := q
		lq.Text = tail
		alone := ix.search(lq)
		switch {
		case alone.Confidence == None || alone.subjectOnly:
		case res.Confidence == None:
			alone.Query = q.Text
			return alone
		case i == 0 && alone.Confidence == Answer && len(alone.Hits) > 0 && len(res.Hits) > 0 &&
			alone.Hits[0].Paragraph == res.Hits[0].Paragraph:
			// The context lowered the coverage of a question its best
			// passage answers ("J'ai lu un article hier sur le covid…
			// Que dit Smith sur les hôpitaux ?"): the same passage
			// answers the last question alone.
			res.Confidence = Answer
			return res
		}
	}
	return res
}

// search finds the passages that answer q, read as a whole.
func (ix *Index) search(q Query) Result {
	// The question is read in the language it is written in; Lang and
	// Hint only choose the language of the reply.
	fr, en := analysis.LanguageEvidence(q.Text)
	l, sure := ix.languageOf(q.Text, fr, en)
	if fr >= mixedEvidence && en >= mixedEvidence {
		// Each side reads the words of its language, and leaves the
		// other's to the other side: whichever has more evidence for
		// its answer (words matched, by weight) answers. Coverage would
		// favour a side left with one weak word it matches.
		sc := ix.scoreMixed(ix.langs[langSlot(l)], q.Text)
		if alt := ix.scoreMixed(ix.langs[langSlot(other(l))], q.Text); alt.evidence() > sc.evidence() {
			sc = alt
		}
		return ix.result(q, sc, q.Reply(l, sure))
	}
	sc := ix.score(ix.langs[langSlot(l)], q.Text)
	switch {
	case !sure:
		// A name alone ("WannaCry") reads the same in both languages:
		// keep whichever side of the interview covers it better.
		if alt := ix.score(ix.langs[langSlot(other(l))], q.Text); alt.bestCoverage() > sc.bestCoverage() {
			sc = alt
		}
	case sc.target == TargetTranslate && sc.confidence() == None:
		// The words to translate are in the other language ("how do
		// you say approche pluriacteurs in English"): that side reads
		// them, and leaves the request's words to this one.
		if alt := ix.scoreMixed(ix.langs[langSlot(other(l))], q.Text); alt.confidence() != None {
			sc = alt
		}
	case sc.foreign > 0 && sc.confidence() == None:
		// Words of the other language that function words do not give
		// away ("il pense quoi du cyberwar", "plus important than
		// companies"): read as a mixed question, if that answers better.
		mixed := ix.scoreMixed(ix.langs[langSlot(l)], q.Text)
		// A side left with the subject's names alone ("Brad Smith") has
		// no evidence for any answer.
		if alt := ix.scoreMixed(ix.langs[langSlot(other(l))], q.Text); mixed.subjectOnly || !alt.subjectOnly && alt.evidence() > mixed.evidence() {
			mixed = alt
		}
		mixed.rescued = true
		if mixed.confidence() != None {
			sc = mixed
		}
	}
	return ix.result(q, sc, q.Reply(l, sure))
}
