package site

import (
	"html/template"
	"strings"
)

// sanitizeSnippet makes a search snippet safe to insert as HTML. A snippet
// is meant to be escaped text with <mark> and </mark> around matches; this
// keeps exactly those two tags (balanced) and well-formed character
// references, and escapes every other '<', '>' and '&'. So a snippet from a
// buggy or hostile index cannot carry markup.
func sanitizeSnippet(s string) template.HTML {
	var b strings.Builder
	b.Grow(len(s) + 16)
	open := false
	for i := 0; i < len(s); {
		rest := s[i:]
		switch s[i] {
		case '<':
			switch {
			case strings.HasPrefix(rest, "<mark>"):
				if !open {
					b.WriteString("<mark>")
					open = true
				}
				i += len("<mark>")
				continue
			case strings.HasPrefix(rest, "</mark>"):
				if open {
					b.WriteString("</mark>")
					open = false
				}
				i += len("</mark>")
				continue
			}
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			if n := entityLen(rest); n > 0 {
				b.WriteString(rest[:n])
				i += n
				continue
			}
			b.WriteString("&amp;")
		default:
			b.WriteByte(s[i])
		}
		i++
	}
	if open {
		b.WriteString("</mark>")
	}
	return template.HTML(b.String())
}

// entityLen returns the length of the character reference at the start of
// s ("&amp;", "&#39;", "&#x27;"), or 0 if there is none.
func entityLen(s string) int {
	for _, e := range [...]string{"&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&nbsp;"} {
		if strings.HasPrefix(s, e) {
			return len(e)
		}
	}
	if !strings.HasPrefix(s, "&#") {
		return 0
	}
	i, hex := 2, false
	if i < len(s) && (s[i] == 'x' || s[i] == 'X') {
		i, hex = 3, true
	}
	start := i
	for i < len(s) && i-start < 7 {
		c := s[i]
		if c >= '0' && c <= '9' || hex && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			i++
			continue
		}
		break
	}
	if i == start || i >= len(s) || s[i] != ';' {
		return 0
	}
	return i + 1
}
