package indexer

import (
	"html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	// snippetLen is the target length of a snippet, in bytes of text.
	snippetLen = 240
	// snippetLead is how much text comes before the first match shown.
	snippetLead = 40
	// snippetSlack is how far a window edge may move to fall between words.
	snippetSlack = 20
)

// span is a byte range [start, end) of a text.
type span struct{ start, end int }

// snippet returns an HTML excerpt of text of about width bytes: the window
// holding the most distinct matched words (earliest on ties), escaped with
// html.EscapeString, each matched range wrapped in <mark>…</mark>, runs of
// white space collapsed, "…" where text was cut. spans are byte ranges of
// text (any order, may overlap); ranges outside text or not on rune
// boundaries are ignored. Without spans the snippet is the text's start.
func snippet(text string, spans []span, width int) string {
	spans = cleanSpans(text, spans)
	ws, we := window(text, spans, width)
	var b strings.Builder
	b.Grow(we - ws + 64)
	if ws > 0 {
		b.WriteString("…")
	}
	pos := ws
	for _, s := range spans {
		if s.start < ws || s.end > we {
			continue
		}
		writePlain(&b, text[pos:s.start])
		b.WriteString("<mark>")
		writePlain(&b, text[s.start:s.end])
		b.WriteString("</mark>")
		pos = s.end
	}
	writePlain(&b, text[pos:we])
	out := strings.TrimSpace(b.String())
	if we < len(text) {
		out += "…"
	}
	return out
}

// cleanSpans drops invalid spans, sorts the others and merges overlapping
// or touching ones.
func cleanSpans(text string, in []span) []span {
	out := make([]span, 0, len(in))
	for _, s := range in {
		if s.start < 0 || s.end > len(text) || s.start >= s.end ||
			!utf8.RuneStart(text[s.start]) || (s.end < len(text) && !utf8.RuneStart(text[s.end])) {
			continue
		}
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b span) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return a.end - b.end
	})
	merged := out[:0]
	for _, s := range out {
		if n := len(merged); n > 0 && s.start <= merged[n-1].end {
			merged[n-1].end = max(merged[n-1].end, s.end)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

// window picks the byte range [ws, we) of text to show.
func window(text string, spans []span, width int) (ws, we int) {
	if len(text) <= width {
		return 0, len(text)
	}
	best, bestScore := -1, -1
	for i, s := range spans {
		seen := map[string]bool{}
		n := 0
		for _, t := range spans[i:] {
			if t.end > s.start+width-snippetLead {
				break
			}
			w := strings.ToLower(text[t.start:t.end])
			if !seen[w] {
				seen[w] = true
				n += 1000 // distinct words first
			}
			n++ // then occurrences
		}
		if n > bestScore {
			best, bestScore = i, n
		}
	}
	first, last := 0, 0 // the text that must stay inside the window
	if best >= 0 {
		first = spans[best].start
		ws = max(0, first-snippetLead)
		last = spans[best].end
	}
	we = min(len(text), ws+width)
	ws = max(0, min(ws, we-width))
	// Never cut a match.
	for _, s := range spans {
		if s.start < we && s.end > we {
			we = s.end
		}
		if s.start < ws && s.end > ws {
			ws = s.start
		}
		if s.start >= ws && s.end <= we && s.end > last {
			last = s.end
		}
	}
	if best < 0 {
		first, last = ws, ws
	}
	// Fall between words when a space is near.
	if ws > 0 {
		if i := strings.IndexFunc(text[ws:min(len(text), ws+snippetSlack)], unicode.IsSpace); i >= 0 && ws+i <= first {
			ws += i
		}
	}
	if we < len(text) {
		lo := max(ws, we-snippetSlack)
		if i := strings.LastIndexFunc(text[lo:we], unicode.IsSpace); i >= 0 && lo+i >= last {
			we = lo + i
		}
	}
	for ws > 0 && !utf8.RuneStart(text[ws]) {
		ws--
	}
	for we < len(text) && !utf8.RuneStart(text[we]) {
		we++
	}
	return ws, we
}

// writePlain writes s HTML-escaped, with runs of white space as one space.
func writePlain(b *strings.Builder, s string) {
	if s == "" {
		return
	}
	var c strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				c.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		c.WriteRune(r)
	}
	b.WriteString(html.EscapeString(c.String()))
}
