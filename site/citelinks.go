package site

import (
	"html/template"
	"sort"
	"strings"

	"lextraite/corpus"
)

// linkedParagraphs renders a provision's text as HTML paragraphs (split on
// blank lines, like paragraphs) with each citation found in it turned into
// a link to the provision or document it resolves to; an unresolved
// citation is marked, with what it names in its title. Everything else is
// escaped. Citations are located by their byte offsets in text (a citation
// whose offsets do not match text, or that crosses a line, stays plain).
func linkedParagraphs(text string, cits []corpus.Citation, href func(c corpus.Citation) string) []template.HTML {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	valid := make([]corpus.Citation, 0, len(cits))
	for _, c := range cits {
		if c.Start >= 0 && c.End <= len(text) && c.Start < c.End && text[c.Start:c.End] == c.Text && !strings.Contains(c.Text, "\n") {
			valid = append(valid, c)
		}
	}
	sort.SliceStable(valid, func(i, j int) bool { return valid[i].Start < valid[j].Start })

	var out []template.HTML
	next := 0 // index into valid
	for _, para := range paragraphLines(text) {
		lines := make([]string, 0, len(para))
		for _, l := range para {
			lineStart, lineEnd := l[0], l[1]
			var b strings.Builder
			pos := lineStart
			for next < len(valid) && valid[next].Start < lineEnd {
				c := valid[next]
				next++
				if c.Start < pos || c.End > lineEnd {
					continue
				}
				b.WriteString(template.HTMLEscapeString(text[pos:c.Start]))
				if u := href(c); u != "" {
					b.WriteString(`<a class="cit" href="` + template.HTMLEscapeString(u) + `" title="` + template.HTMLEscapeString(c.Label) + `">`)
					b.WriteString(template.HTMLEscapeString(c.Text))
					b.WriteString(`</a>`)
				} else {
					b.WriteString(`<span class="cit-nr" title="` + template.HTMLEscapeString("Texte absent de la base : "+c.Label) + `">`)
					b.WriteString(template.HTMLEscapeString(c.Text))
					b.WriteString(`</span>`)
				}
				pos = c.End
			}
			b.WriteString(template.HTMLEscapeString(text[pos:lineEnd]))
			lines = append(lines, b.String())
		}
		out = append(out, template.HTML(strings.Join(lines, "\n")))
	}
	return out
}
