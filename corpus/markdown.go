package corpus

import (
	"bufio"
	"bytes"
	stdhtml "html"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"
	"gopkg.in/yaml.v3"
)

// frontMatter holds the YAML front matter fields lextraite reads.
type frontMatter struct {
	Title       string `yaml:"title"`
	LongTitle   string `yaml:"long_title"`
	Language    string `yaml:"language"`
	SRNumber    string `yaml:"sr_number"`
	Chapter     string `yaml:"chapter"`
	VersionDate string `yaml:"version_date"`
	Abbrev      string `yaml:"abbreviation"`
}

var (
	// CommonMark needs a space after '#'; the BWB exports write "##Title".
	reTightHeading = regexp.MustCompile(`(?m)^(#{1,6})([^#\s])`)
	reFence        = regexp.MustCompile("(?m)^(```|~~~)")
)

// splitFrontMatter returns the YAML front matter (nil when absent or
// invalid) and the body.
func splitFrontMatter(src []byte) (*frontMatter, []byte) {
	if !bytes.HasPrefix(src, []byte("---\n")) && !bytes.HasPrefix(src, []byte("---\r\n")) {
		return nil, src
	}
	rest := src[bytes.IndexByte(src, '\n')+1:]
	end := bytes.Index(rest, []byte("\n---"))
	if end < 0 {
		return nil, src
	}
	var fm frontMatter
	body := rest[end+4:]
	if i := bytes.IndexByte(body, '\n'); i >= 0 {
		body = body[i+1:]
	} else {
		body = nil
	}
	if err := yaml.Unmarshal(rest[:end], &fm); err != nil {
		return nil, body
	}
	return &fm, body
}

// markdownBlocks parses Markdown with goldmark and returns its headings and
// paragraphs as blocks. Raw HTML is never rendered: tags are dropped and
// only their text content kept; <details> blocks (historical notes of
// converted statutes) are skipped whole.
func markdownBlocks(src []byte) []block {
	if !reFence.Match(src) {
		src = reTightHeading.ReplaceAll(src, []byte("$1 $2"))
	}
	md := goldmark.New()
	doc := md.Parser().Parse(text.NewReader(src))
	var (
		out     []block
		details int
		marker  string // list item mark for the item's first paragraph
	)
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.HTMLBlock:
				orig := string(c.Lines().Value(src))
				if c.HasClosure() {
					orig += string(c.ClosureLine.Value(src))
				}
				raw := strings.ToLower(orig)
				opened := strings.Count(raw, "<details") - strings.Count(raw, "</details")
				if details == 0 && opened <= 0 {
					// Raw HTML is never rendered: only its text is kept.
					if t := htmlFragmentText(orig); t != "" {
						out = append(out, block{text: t})
					}
				}
				details += opened
				if details < 0 {
					details = 0
				}
			case *ast.Heading:
				if details == 0 {
					out = append(out, block{level: c.Level, text: inlineText(c, src), converted: true})
				}
			case *ast.Paragraph, *ast.TextBlock:
				if details == 0 {
					for _, p := range softParagraphs(inlineText(c, src)) {
						out = append(out, block{text: marker + p})
						marker = ""
					}
				}
			case *ast.List:
				// Keep the list markers, which are the text's own numbering
				// ("1.", "2." of the paragraphs of a treaty article).
				i := 0
				for it := c.FirstChild(); it != nil; it = it.NextSibling() {
					if c.IsOrdered() {
						marker = strconv.Itoa(c.Start+i) + string(c.Marker) + " "
					} else {
						marker = string(c.Marker) + " "
					}
					walk(it)
					marker = ""
					i++
				}
			case *ast.FencedCodeBlock, *ast.CodeBlock:
				if details == 0 {
					out = append(out, block{text: string(c.Lines().Value(src))})
				}
			case *ast.ThematicBreak:
			default:
				walk(c)
			}
		}
	}
	walk(doc)
	return out
}

// inlineText concatenates the text of a block's inline children. Soft line
// breaks become "\n" so softParagraphs can decide between a wrapped line
// and a new alinéa.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	var walk func(n ast.Node)
	hidden := false // inside an inline <script> or <style>
	code := false   // inside a code span, where text is literal
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				if hidden {
					continue
				}
				if code {
					b.Write(c.Segment.Value(src))
				} else {
					b.WriteString(markdownText(c.Segment.Value(src)))
				}
				if c.SoftLineBreak() || c.HardLineBreak() {
					b.WriteByte('\n')
				}
			case *ast.String:
				if !hidden {
					b.Write(c.Value)
				}
			case *ast.CodeSpan:
				code = true
				walk(c)
				code = false
			case *ast.RawHTML:
				// Tags dropped, their text kept (1<sup>er</sup> → 1er),
				// except the content of <script> and <style>.
				tag := strings.ToLower(string(c.Segments.Value(src)))
				switch {
				case strings.HasPrefix(tag, "<script"), strings.HasPrefix(tag, "<style"):
					hidden = true
				case strings.HasPrefix(tag, "</script"), strings.HasPrefix(tag, "</style"):
					hidden = false
				}
			case *ast.AutoLink:
				b.Write(c.URL(src))
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

// markdownText returns the text a Markdown text segment stands for, as
// CommonMark §2.4–2.5 defines it: backslash escapes ("\\*" → "*") and
// entity and numeric character references ("&lt;", "&#233;", "&#xE9;")
// resolved. goldmark leaves both in the segment and resolves them when it
// writes HTML; its writer does that here, then the HTML escaping it adds is
// undone, so "&lt;script&gt;" in a law's Markdown reads "<script>" (the site
// escapes it again when it renders the page).
func markdownText(seg []byte) string {
	if bytes.IndexByte(seg, '\\') < 0 && bytes.IndexByte(seg, '&') < 0 {
		return string(seg)
	}
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	gmhtml.DefaultWriter.Write(w, seg)
	w.Flush()
	return stdhtml.UnescapeString(buf.String())
}

var reLineStart = regexp.MustCompile(`^(?:\p{Lu}|[0-9]+°|[0-9]+\.\s|[IVX]+\.\s?[-–]|[a-z]\)|\(|«|-\s|•)`)

// softParagraphs splits a paragraph whose lines were hard-wrapped (text
// copied from PDF) from one whose lines are alinéas: a line break after
// sentence-ending punctuation followed by a capital, "1°", "a)" or "I. -"
// starts a new alinéa; any other break is a wrapped line and becomes a space.
func softParagraphs(s string) []string {
	lines := strings.Split(s, "\n")
	var out []string
	var cur strings.Builder
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if i > 0 && cur.Len() > 0 {
			prev := strings.TrimSpace(cur.String())
			if strings.ContainsAny(prev[len(prev)-1:], ".;:!?»") && reLineStart.MatchString(l) {
				out = append(out, prev)
				cur.Reset()
			} else {
				cur.WriteByte(' ')
			}
		}
		cur.WriteString(l)
	}
	if cur.Len() > 0 {
		out = append(out, strings.TrimSpace(cur.String()))
	}
	return out
}

var (
	// A marginal title glued to "Art. N" and the article's text:
	// "…pécuniaire.Traite d’êtres humainsArt. 182" (end of line),
	// "…traitementArt.\u00a0349b", "…nouveaux abus.Art. 67f" (no title),
	// "…Violation de secrets militairesArt. 3291.Quiconque" (chiffre 1),
	// "…Gestion déloyale Art. 158" (a space, only at the end of the line:
	// see fedlexArticle),
	// "…loiArt. 14Quiconque" (text glued), "…DéfinitionsArt. 121\u00a0Sauf"
	// (article 12, alinéa 1: Fedlex writes alinéa numbers with a no-break
	// space).
	reGluedArticle = regexp.MustCompile(`(?:^|[\p{L}’).…]|\p{L}[\s\x{a0}])(Art\.)[\s\x{a0}]?(\d+[a-z]*?)(?:(1)(?:\x{a0}|\.\p{Lu})|(\p{Lu})|[\s\x{a0}]*$)`)
	// An article heading alone on its line: "Art. 55a", "**Art. 107".
	// "**Art. 109** Art. 109" (the number repeated).
	reLoneArticle = regexp.MustCompile(`^(?:\*\*)?Art\.[\s\x{a0}]?(\d+[a-z]*)(?:\*\*)?(?:[\s\x{a0}]*Art\.[\s\x{a0}]?\d+[a-z]*)?[\s\x{a0}]*$`)
	// A footnote saying the article has no text: « Abrogé par… »,
	// « Introduit par… Abrogé par… », « Sans objet selon… », « …cet article
	// est sans contenu ».
	reRepealNote = regexp.MustCompile(`^(?:Abrog|Sans objet)|Abrogée?s? par|sans contenu`)
	// The residue of a bold heading that the converter appended to a
	// footnote: "…(RO 2016 1249; FF 2012 4385).** Art. 107".
	reFootnoteResidue = regexp.MustCompile(`\*\*[\s\x{a0}]*Art\.[\s\x{a0}]?\d+[a-z]*[\s\x{a0}]*$`)
	// "…assimilé à la traite.2\u00a0Si la victime": a numbered alinéa glued
	// to the end of the previous one; ";b. de…" a glued letter item.
	reGluedAlinea = regexp.MustCompile(`([^\s\d])(\d{1,2}(?:bis|ter|quater)?\x{a0})`)
	// "# Titre 2Conditions de la répression": a division number glued to
	// its title.
	reGluedDivision = regexp.MustCompile(`^(#+\s*(?:Livre|Partie|Titre|Chapitre|Section)\s+\d+(?:bis|ter|quater)?)(\p{Lu})`)
	reGluedLetter   = regexp.MustCompile(`([;:])([a-z](?:bis|ter|quater)?\.\s)`)
)

// unmangleFedlex repairs the Markdown that a third-party converter made of
// some Fedlex codes (the Swiss penal code of the corpus): footnotes
// («Nouvelle teneur selon…») interleaved as lines indented by two tabs are
// dropped, the one-tab indent of the text removed (it made code blocks),
// an article whose marginal title and number were glued to the text
// ("…pécuniaire.Traite d’êtres humainsArt. 182") becomes a heading
// "Art. 182 Traite d’êtres humains", and glued alinéas and letter items
// are set apart. Files without such footnote lines are returned as is.
func unmangleFedlex(src []byte) []byte {
	lines := strings.Split(string(src), "\n")
	notes := 0
	for _, l := range lines {
		if strings.HasPrefix(l, "\t\t") {
			notes++
		}
	}
	if notes < 10 {
		return src
	}
	out := make([]string, 0, len(lines))
	para := func(t string) {
		t = reGluedAlinea.ReplaceAllString(t, "$1\n\n$2")
		out = append(out, reGluedLetter.ReplaceAllString(t, "$1\n\n$2"))
	}
	// bare: the last line ended with an article heading and no text of
	// that article has come yet. A repealed article has none: its
	// footnote « Abrogé par le ch. I 1 de la LF du… » (reRepealNote)
	// becomes its text, as Fedlex shows it, instead of the article
	// vanishing or being empty.
	bare := false
	for _, l := range lines {
		if strings.HasPrefix(l, "\t\t") {
			if t := strings.TrimSpace(reFootnoteResidue.ReplaceAllString(l, "")); bare && reRepealNote.MatchString(t) {
				out = append(out, "", t, "")
				bare = false
			}
			continue
		}
		l = strings.TrimSpace(strings.TrimPrefix(l, "\t"))
		heading := strings.HasPrefix(l, "#")
		if heading {
			l = reGluedDivision.ReplaceAllString(l, "$1 $2")
		}
		glued := false // the line ended with an article heading
		for {
			m := fedlexArticle(l)
			if m == nil {
				break
			}
			glued = true
			artAt := m[2]
			before, title := gluedTitle(l[:artAt])
			before = reTrailingEnumerator.ReplaceAllString(before, "$1")
			if strings.TrimSpace(before) == "" && title == "" && !heading {
				// "Art. 305ter" opening its line: its title may be the
				// end of the previous paragraph, or a line of its own
				title = pullTitle(out)
			}
			if heading {
				out = append(out, "", before, "")
				heading = false
			} else if strings.TrimSpace(before) != "" {
				para(before)
			}
			if r, _ := utf8.DecodeRuneInString(title); unicode.IsLower(r) {
				// "…détenus.établissements privésArt. 379": a title in
				// lowercase, kept as written, as a heading of its own.
				out = append(out, "", "### Art. "+l[m[4]:m[5]], "", "#### "+title, "")
			} else {
				out = append(out, "", "### Art. "+l[m[4]:m[5]]+" "+title, "")
			}
			switch {
			case m[6] >= 0:
				l = l[m[6]:]
			case m[8] >= 0:
				l = l[m[8]:]
			default:
				l = ""
			}
		}
		switch {
		case heading:
			out = append(out, "", l, "")
			bare = false
		case reLoneArticle.MatchString(l):
			// "…de l’infraction préalable.Défaut de vigilance en matière
			// d’opérations financières et droit de communication" then
			// "Art. 305ter" alone: the title glued to the end of the
			// previous paragraph is this article's
			title := pullTitle(out)
			if title != "" {
				title = " " + title
			}
			out = append(out, "", "### Art. "+reLoneArticle.FindStringSubmatch(l)[1]+title, "")
			bare = true
		case l != "":
			para(l)
			bare = false
		default:
			bare = glued
		}
	}
	return []byte(strings.Join(out, "\n"))
}

// reTrailingEnumerator is the letter or number of the next marginal title
// left at the end of a paragraph: "…communication.b." (before « b. Égalité
// de traitement »).
var reTrailingEnumerator = regexp.MustCompile(`([.;:])(?:[a-z]|\d{1,2})\.\s*$`)

// pullTitle takes the marginal title of an article whose number opens its
// line off the end of the last paragraph of out, where the conversion left
// it ("…infraction préalable.Défaut de vigilance en matière d’opérations
// financières et droit de communication", or that title on a line of its
// own), and returns it; "" when the paragraph ends as a sentence.
func pullTitle(out []string) string {
	k := lastParagraph(out)
	if k < 0 {
		return ""
	}
	before, t := gluedTitle(out[k])
	if t == "" || !looksLikeTitle(t) {
		return ""
	}
	out[k] = reTrailingEnumerator.ReplaceAllString(before, "$1")
	return t
}

// lastParagraph is the index of the last non-empty line of out that is
// a paragraph (not a heading), or -1 when a heading comes first.
func lastParagraph(out []string) int {
	for k := len(out) - 1; k >= 0; k-- {
		switch {
		case strings.TrimSpace(out[k]) == "":
			continue
		case strings.HasPrefix(out[k], "#"):
			return -1
		}
		return k
	}
	return -1
}

// looksLikeTitle: t may be a marginal title: it starts with a capital, is
// short and is no sentence (no final punctuation).
func looksLikeTitle(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r) && utf8.RuneCountInString(t) <= 150 && !strings.ContainsAny(t[len(t)-1:], ".;:,")
}

// fedlexArticle returns the submatch indexes of reGluedArticle's first
// match in l that is an article heading: one that a space separates from
// the word before it only counts at the end of the line, since
// "… Art. 12 Le juge" could be running text.
func fedlexArticle(l string) []int {
	for _, m := range reGluedArticle.FindAllStringSubmatchIndex(l, -1) {
		r, _ := utf8.DecodeLastRuneInString(l[:m[2]])
		spaced := m[2] > m[0] && unicode.IsSpace(r)
		if !spaced || m[6] < 0 && m[8] < 0 {
			return m
		}
	}
	return nil
}

// gluedTitle cuts the marginal title off the end of s: it starts after the
// last sentence punctuation or at the last lowercase-or-digit→capital
// junction ("…culpabilitéActes autorisés par la loi").
func gluedTitle(s string) (before, title string) {
	rs := []rune(s)
	if len(rs) > 0 && strings.ContainsRune(".;:!?…»", rs[len(rs)-1]) {
		return s, "" // "…activités terroristes.Art. 79": no marginal title
	}
	for i := len(rs) - 1; i > 0; i-- {
		if strings.ContainsRune(".;:!?…»", rs[i-1]) ||
			unicode.IsUpper(rs[i]) && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1])) {
			return string(rs[:i]), strings.TrimSpace(string(rs[i:]))
		}
	}
	return "", strings.TrimSpace(s)
}

// htmlFragmentText returns the text of an HTML fragment, tags dropped and
// the content of script, style, iframe, object and template elements
// skipped, whitespace collapsed.
func htmlFragmentText(fragment string) string {
	z := html.NewTokenizer(strings.NewReader(fragment))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case html.StartTagToken:
			if name, _ := z.TagName(); skippedElement[string(name)] {
				skip++
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); skippedElement[string(name)] && skip > 0 {
				skip--
			}
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
				b.WriteByte(' ')
			}
		}
	}
}

var skippedElement = map[string]bool{"script": true, "style": true, "iframe": true, "object": true, "template": true, "noscript": true}
