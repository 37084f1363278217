package main

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"

	"github.com/interviewbot/interviewbot/corpus"
)

// jsonLine is a result that writes its own JSON line, byte for byte what
// encoding/json writes with HTML escaping off, without reflection.
type jsonLine interface {
	appendJSON(b []byte) []byte
}

// passageCodec holds each paragraph's texts and the JSON of everything in
// a passage but its score, made once per process: the texts are most of
// every line of `search --stdin`, and encoding them per question was most
// of its cost.
type passageCodec struct {
	byPara map[*corpus.Paragraph]*paraJSON
}

type paraJSON struct {
	text, translation string
	head, tail        []byte // the JSON before and after the score's value
}

func newPassageCodec(iv *corpus.Interview) *passageCodec {
	pc := &passageCodec{byPara: make(map[*corpus.Paragraph]*paraJSON, len(iv.Paragraphs))}
	for i := range iv.Paragraphs {
		p := &iv.Paragraphs[i]
		pj := &paraJSON{text: p.Text(), translation: p.Translation()}
		pj.head = append(pj.head, `{"id":`...)
		pj.head = appendJSONString(pj.head, p.ID)
		pj.head = append(pj.head, `,"exchange":`...)
		pj.head = strconv.AppendInt(pj.head, int64(p.Exchange), 10)
		pj.head = append(pj.head, `,"speaker":`...)
		pj.head = appendJSONString(pj.head, p.Speaker)
		pj.head = append(pj.head, `,"score":`...)
		pj.tail = append(pj.tail, `,"text":`...)
		pj.tail = appendJSONString(pj.tail, pj.text)
		pj.tail = append(pj.tail, `,"translation":`...)
		pj.tail = appendJSONString(pj.tail, pj.translation)
		pj.tail = append(pj.tail, '}')
		pc.byPara[p] = pj
	}
	return pc
}

// appendJSON writes r as encoding/json would, the passages from the
// codec.
func (r searchResult) appendJSON(b []byte) []byte {
	b = append(b, `{"query":`...)
	b = appendJSONString(b, r.Query)
	b = append(b, `,"language":`...)
	b = appendJSONString(b, string(r.Language))
	b = append(b, `,"confidence":`...)
	b = appendJSONString(b, string(r.Confidence))
	b = append(b, `,"abstained":`...)
	b = strconv.AppendBool(b, r.Abstained)
	b = append(b, `,"passages":[`...)
	for i, p := range r.Passages {
		if i > 0 {
			b = append(b, ',')
		}
		pj := r.codec.byPara[p.para]
		b = append(b, pj.head...)
		b = appendJSONFloat(b, p.Score)
		b = append(b, pj.tail...)
	}
	return append(b, "]}\n"...)
}

// appendJSONString appends s as a JSON string, as encoding/json does with
// HTML escaping off. Through encoding/json itself: its rules (invalid
// UTF-8, U+2028) are not worth copying, and the texts go through here
// once per process.
func appendJSONString(b []byte, s string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		panic("encoding a string cannot fail: " + err.Error())
	}
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
}

// appendJSONFloat appends f as encoding/json does.
func appendJSONFloat(b []byte, f float64) []byte {
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) || math.IsNaN(f) || math.IsInf(f, 0) {
		out, err := json.Marshal(f)
		if err != nil {
			return append(b, "null"...) // NaN or ±Inf: never a score
		}
		return append(b, out...)
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64)
}
