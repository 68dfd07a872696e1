package corpus

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// htmlBlockTags start a new block; their text is one paragraph or heading.
var htmlBlockTags = map[string]int{
	"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6,
	"p": 0, "div": 0, "li": 0, "dt": 0, "dd": 0, "td": 0, "th": 0, "tr": 0, "pre": 0,
	"blockquote": 0, "section": 0, "article": 0, "br": 0, "table": 0, "ul": 0, "ol": 0, "center": 0,
}

// loadHTML reads an HTML page with goquery after decoding it with the
// declared or detected charset (WHATWG encoding rules of
// golang.org/x/net/html/charset: an ISO-8859-1 label means windows-1252;
// BOM first, then <meta charset>, then a UTF-8 validity check).
func loadHTML(u unit, data []byte, metas []*Meta) ([]*Document, error) {
	utf8Data, err := decodeHTML(data)
	if err != nil {
		return nil, fmt.Errorf("%w : décodage des caractères : %v", ErrCorrupt, err)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(utf8Data))
	if err != nil {
		return nil, fmt.Errorf("%w : HTML illisible : %v", ErrCorrupt, err)
	}
	title := strings.Join(strings.Fields(doc.Find("title").First().Text()), " ")
	doc.Find("script, style, noscript, template, nav, iframe, object, svg, head").Remove()
	d := newDoc(u, "html")
	blocks := htmlBlocks(doc.Selection)
	if len(blocks) == 0 {
		return nil, ErrEmpty
	}
	if title == "" {
		title = firstLine(blocks)
	}
	d.Title = title
	if lang, ok := doc.Find("html").Attr("lang"); ok && len(lang) >= 2 {
		d.Language = strings.ToLower(lang[:2])
	} else {
		d.Language = detectLanguage(blocksText(blocks, 4000))
	}
	d.parseBlocks(blocks, metas)
	return []*Document{d}, nil
}

// htmlBlocks walks the DOM and emits one block per block-level element's
// own text, in document order. Depth is bounded so hostile nesting cannot
// exhaust the stack.
func htmlBlocks(sel *goquery.Selection) []block {
	var out []block
	var cur strings.Builder
	level := 0
	flush := func() {
		t := strings.Join(strings.Fields(cur.String()), " ")
		if t != "" {
			out = append(out, block{level: level, text: t, converted: true})
		}
		cur.Reset()
		level = 0
	}
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > 512 {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				cur.WriteString(c.Data)
			case html.ElementNode:
				lv, isBlock := htmlBlockTags[c.Data]
				if isBlock {
					flush()
					level = lv
				}
				walk(c, depth+1)
				if isBlock {
					flush()
				}
			case html.DocumentNode:
				walk(c, depth+1)
			}
		}
	}
	for _, n := range sel.Nodes {
		walk(n, 0)
	}
	flush()
	return out
}

// decodeHTML returns the page as UTF-8. The declared or detected charset
// (WHATWG rules of x/net/html/charset: BOM, then <meta charset>, an
// ISO-8859-1 label meaning windows-1252) is trusted unless the bytes
// contradict it: a page declared UTF-8 that is not valid UTF-8 is read as
// windows-1252 (or as damaged UTF-8 when mostly valid), and a page declared
// in a legacy charset whose bytes are valid multi-byte UTF-8 is read as
// UTF-8.
func decodeHTML(data []byte) ([]byte, error) {
	enc, name, _ := charset.DetermineEncoding(data, "text/html")
	switch {
	case name == "utf-8":
		return []byte(decodeText(data)), nil
	case utf8.Valid(data) && hasMultibyte(data) && !bytes.HasPrefix(data, []byte("\xfe\xff")) && !bytes.HasPrefix(data, []byte("\xff\xfe")):
		return data, nil
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, err
	}
	return []byte(strings.ToValidUTF8(string(out), "\uFFFD")), nil
}

func hasMultibyte(data []byte) bool {
	for _, b := range data {
		if b >= utf8.RuneSelf {
			return true
		}
	}
	return false
}
