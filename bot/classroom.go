package bot

import (
	"github.com/interviewbot/interviewbot/classroom"
)

// The classroom commands adapt package classroom to Discord: a glossary,
// a timeline and discussion prompts (here), and quizzes (quiz.go).
// Their text is the classroom's data, marked as the bot's words; every
// quote in them is the corpus's sentences, marked with whose words they
// are.

// errNoClassroom answers a classroom command when the material does not
// fit the interview loaded (--corpus).
var errNoClassroom = &userError{
	fr: "Le matériel pour la classe a été écrit pour l’entretien d’origine ; il n’est pas disponible avec celui-ci.",
	en: "The classroom material was written for the original interview; it is not available with this one.",
}

// material returns the classroom material, or errNoClassroom.
func (h *Handler) material() (*classroom.Material, error) {
	if h.classroom == nil {
		return nil, errNoClassroom
	}
	return h.classroom, nil
}
