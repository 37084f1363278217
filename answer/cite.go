package answer

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/corpus"
)

// citeClaims returns the citations the claims' sentences make, merged and
// in the order the claims first cite them, the prose (each claim with
// the numbers of its citations), and the claims left out: those whose
// quotes do not fit under the bounds on quotes shown, and those past
// maxProse in all.
func citeClaims(iv *corpus.Interview, claims []checked) (cs []Citation, prose string, left []string) {
	for _, c := range claims {
		for _, run := range runs(c.refs) {
			cs = addCitation(iv, cs, sentencesOf(iv, run.p, run.from, run.to))
		}
	}
	cs = capQuotes(cs)
	var parts []string
	used := make([]bool, len(cs))
	length := 0
	for _, c := range claims {
		var marks []string
		var at []int
		for n, cit := range cs {
			if slices.ContainsFunc(c.refs, func(r sentenceRef) bool { return r.p.ID == cit.ID && r.i >= cit.From && r.i < cit.To }) {
				marks = append(marks, fmt.Sprintf("[%d]", n+1))
				at = append(at, n)
			}
		}
		part := strings.TrimRight(c.text, " ") + " " + strings.Join(marks, "")
		if len(marks) == 0 || length+utf8.RuneCountInString(part) > maxProse {
			left = append(left, c.text)
			continue
		}
		length += utf8.RuneCountInString(part) + 1
		parts = append(parts, part)
		for _, n := range at {
			used[n] = true
		}
	}
	// A quote no claim kept rests on is not shown; the marks are
	// numbered again.
	kept := cs[:0:0]
	renumber := map[int]int{}
	for n, c := range cs {
		if used[n] {
			renumber[n+1] = len(kept) + 1
			kept = append(kept, c)
		}
	}
	prose = strings.Join(parts, " ")
	prose = claimMark.ReplaceAllStringFunc(prose, func(m string) string {
		n, _ := strconv.Atoi(m[1 : len(m)-1])
		return fmt.Sprintf("[%d]", renumber[n])
	})
	return kept, prose, left
}

// claimMark is one number citeClaims puts after a claim.
var claimMark = regexp.MustCompile(`\[[0-9]+\]`)

// claimMarks are the numbers citeClaims puts after each claim.
var claimMarks = regexp.MustCompile(` ?(\[[0-9]+\])+`)

// run is sentences [from, to) of a paragraph.
type run struct {
	p        *corpus.Paragraph
	from, to int
}

// runs groups refs, in order, into runs of consecutive sentences.
func runs(refs []sentenceRef) []run {
	var out []run
	for _, r := range refs {
		if n := len(out); n > 0 && out[n-1].p == r.p && out[n-1].to == r.i {
			out[n-1].to++
			continue
		}
		out = append(out, run{r.p, r.i, r.i + 1})
	}
	return out
}
