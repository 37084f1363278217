package check

import "strings"

// maxLCS bounds the words compared: a message's quotation and a
// paragraph are a few dozen words each.
const maxLCS = 400

// lcs returns the length of the longest common subsequence of a and b.
func lcs(a, b []string) int {
	a, b = a[:min(len(a), maxLCS)], b[:min(len(b), maxLCS)]
	return table(a, b)[0][0]
}

// table is the longest common subsequences' lengths of a[i:] and b[j:].
func table(a, b []string) [][]int {
	t := make([][]int, len(a)+1)
	for i := range t {
		t[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				t[i][j] = t[i+1][j+1] + 1
			} else {
				t[i][j] = max(t[i+1][j], t[i][j+1])
			}
		}
	}
	return t
}

// diff compares a quotation's words with the interview's, word by word,
// folded, and writes them as written (the interview's where the two
// agree): runs the same in both, added by the quotation, or removed from
// the interview's.
func diff(quote, quoteShown, real, realShown []string) (out []Edit) {
	quote, real = quote[:min(len(quote), maxLCS)], real[:min(len(real), maxLCS)]
	t := table(quote, real)
	add := func(op, w string) {
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Words += " " + w
			return
		}
		out = append(out, Edit{Op: op, Words: w})
	}
	defer func() { out = trimEnds(out) }()
	i, j := 0, 0
	for i < len(quote) || j < len(real) {
		switch {
		case i < len(quote) && j < len(real) && quote[i] == real[j]:
			add("same", realShown[j])
			i++
			j++
		case j < len(real) && (i == len(quote) || t[i][j+1] >= t[i+1][j]):
			add("removed", realShown[j])
			j++
		default:
			add("added", quoteShown[i])
			i++
		}
	}
	return out
}

// trimEnds shortens the words of the sentence a quotation leaves out
// before and after it to the three next to it: a quotation of part of a
// sentence is not altered by what it does not quote, but a negation
// just before it is what it cut.
func trimEnds(d []Edit) []Edit {
	if len(d) > 0 && d[0].Op == "removed" {
		ws := strings.Fields(d[0].Words)
		d[0].Words = strings.Join(ws[max(0, len(ws)-3):], " ")
		if len(ws) > 3 {
			d = append([]Edit{{Op: "removed", Words: "…"}}, d...)
			d[1].Op = "removed"
		}
	}
	if n := len(d); n > 0 && d[n-1].Op == "removed" {
		ws := strings.Fields(d[n-1].Words)
		d[n-1].Words = strings.Join(ws[:min(3, len(ws))], " ")
		if len(ws) > 3 {
			d[n-1].Words += " …"
		}
	}
	return d
}

// String writes a diff as a line: removed words struck through, added
// ones in brackets, for the CLI and the tests.
func String(d []Edit) string {
	var parts []string
	for _, e := range d {
		switch e.Op {
		case "added":
			parts = append(parts, "[+"+e.Words+"]")
		case "removed":
			parts = append(parts, "[-"+e.Words+"]")
		default:
			parts = append(parts, e.Words)
		}
	}
	return strings.Join(parts, " ")
}
