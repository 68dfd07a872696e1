package corpus

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
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
	)
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.HTMLBlock:
				raw := strings.ToLower(string(c.Lines().Value(src)))
				if c.HasClosure() {
					raw += strings.ToLower(string(c.ClosureLine.Value(src)))
				}
				details += strings.Count(raw, "<details") - strings.Count(raw, "</details")
				if details < 0 {
					details = 0
				}
			case *ast.Heading:
				if details == 0 {
					out = append(out, block{level: c.Level, text: inlineText(c, src)})
				}
			case *ast.Paragraph, *ast.TextBlock:
				if details == 0 {
					for _, p := range softParagraphs(inlineText(c, src)) {
						out = append(out, block{text: p})
					}
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
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				b.Write(c.Segment.Value(src))
				if c.SoftLineBreak() || c.HardLineBreak() {
					b.WriteByte('\n')
				}
			case *ast.String:
				b.Write(c.Value)
			case *ast.CodeSpan:
				walk(c)
			case *ast.RawHTML:
				// tags dropped, e.g. 1<sup>er</sup> → 1er
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

var reLineStart = regexp.MustCompile(`^(?:\p{Lu}|[0-9]+°|[IVX]+\.\s?[-–]|[a-z]\)|\(|«|-\s|•)`)

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
