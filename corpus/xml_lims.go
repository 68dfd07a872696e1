package corpus

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// xnode is an element of a parsed XML document, mixed content kept in
// order: a child with an empty Name is character data in Text.
type xnode struct {
	Name  xml.Name
	Attr  []xml.Attr
	Kids  []*xnode
	Text  string
	depth int
}

// maxXMLDepth bounds nesting so a hostile file cannot exhaust memory
// through recursion in the walkers.
const maxXMLDepth = 256

// parseXMLTree reads a whole XML document (UTF-8, BOM allowed) into a tree.
func parseXMLTree(data []byte) (*xnode, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	dec := xml.NewDecoder(bytes.NewReader(data))
	var (
		root  *xnode
		stack []*xnode
	)
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w : XML invalide : %v", ErrCorrupt, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &xnode{Name: t.Name, Attr: t.Copy().Attr, depth: len(stack)}
			if len(stack) >= maxXMLDepth {
				return nil, fmt.Errorf("%w : XML imbriqué sur plus de %d niveaux", ErrCorrupt, maxXMLDepth)
			}
			if len(stack) == 0 {
				if root != nil {
					return nil, fmt.Errorf("%w : XML à plusieurs racines", ErrCorrupt)
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.Kids = append(p.Kids, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.Kids = append(p.Kids, &xnode{Text: string(t)})
			}
		}
	}
	if root == nil {
		return nil, ErrEmpty
	}
	return root, nil
}

func (n *xnode) attr(local string) string {
	for _, a := range n.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// child returns the first child element named local, or nil.
func (n *xnode) child(local string) *xnode {
	if n == nil {
		return nil
	}
	for _, k := range n.Kids {
		if k.Name.Local == local {
			return k
		}
	}
	return nil
}

// elems returns the child elements.
func (n *xnode) elems() []*xnode {
	var out []*xnode
	for _, k := range n.Kids {
		if k.Name.Local != "" {
			out = append(out, k)
		}
	}
	return out
}

// text returns the character data of n and its descendants, spaces
// collapsed, skipping the elements named in skip.
func (n *xnode) text(skip ...string) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(*xnode)
	walk = func(x *xnode) {
		for _, k := range x.Kids {
			if k.Name.Local == "" {
				b.WriteString(k.Text)
				continue
			}
			skipped := false
			for _, s := range skip {
				if k.Name.Local == s {
					skipped = true
				}
			}
			if !skipped {
				walk(k)
			}
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// raw returns the character data of n and its descendants as is.
func (n *xnode) raw() string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(*xnode)
	walk = func(x *xnode) {
		for _, k := range x.Kids {
			if k.Name.Local == "" {
				b.WriteString(k.Text)
			} else {
				walk(k)
			}
		}
	}
	walk(n)
	return b.String()
}

// loadXML reads an XML file: Justice Canada LIMS (root Statute or
// Regulation) or Akoma Ntoso (root akomaNtoso); other XML is reported as
// unsupported.
func loadXML(u unit, data []byte, metas []*Meta) ([]*Document, error) {
	root, err := parseXMLTree(data)
	if err != nil {
		return nil, err
	}
	switch root.Name.Local {
	case "Statute", "Regulation":
		return loadLIMS(u, root)
	case "akomaNtoso":
		d, err := importAKN(root)
		if err != nil {
			return nil, err
		}
		d.Source, d.Format = u.rel, "akn"
		return []*Document{d}, nil
	}
	return nil, fmt.Errorf("%w : XML de racine <%s> : lextraite lit le XML législatif de Justice Canada (LIMS) et Akoma Ntoso",
		ErrUnsupported, root.Name.Local)
}

// limsSkip are LIMS elements whose text is not part of the provision's
// text: notes about amendments, footnotes and their calls.
var limsSkip = []string{"HistoricalNote", "Footnote", "FootnoteRef", "MarginalNote", "Label"}

// loadLIMS reads a statute in the Justice Canada LIMS XML: headings become
// divisions, sections articles (number from Label, heading from
// MarginalNote), subsections alinéas and paragraphs, subparagraphs and
// clauses their items, labels kept in the text as written ("b.1)").
// Schedules follow as divisions; the related provisions as articles of
// their own groups.
func loadLIMS(u unit, root *xnode) ([]*Document, error) {
	d := newDoc(u, "xml")
	d.Language = root.attr("lang")
	if d.Language == "" {
		d.Language = "fr"
	}
	id := root.child("Identification")
	d.Title = id.child("ShortTitle").text()
	if d.Title == "" {
		d.Title = id.child("LongTitle").text()
	}
	if long := id.child("LongTitle").text(); long != "" && long != d.Title {
		d.ShortTitles = append(d.ShortTitles, d.Title)
		d.Title = long
	}
	d.Number = id.child("Chapter").child("ConsolidatedNumber").text()
	for _, st := range id.child("BillHistory").elems() {
		if st.Name.Local == "Stages" && st.attr("stage") == "assented-to" {
			d.Date = limsDate(st.child("Date"))
		}
	}
	if pit := root.attr("pit-date"); pit != "" {
		d.Notes = append(d.Notes, "Version consolidée à jour au "+pit+" (Justice Canada).")
	}
	var blocks []block
	var pre []string
	if intro := root.child("Introduction"); intro != nil {
		pre = append(pre, intro.text(limsSkip...))
	}
	var walk func(n *xnode, level int)
	walk = func(n *xnode, level int) {
		for _, k := range n.elems() {
			switch k.Name.Local {
			case "Heading":
				lv, _ := strconv.Atoi(k.attr("level"))
				if lv <= 0 {
					lv = 1
				}
				blocks = append(blocks, block{level: min(level+lv-1, 5), text: joinHead(k.child("Label").text(), k.child("TitleText").text(limsSkip...))})
			case "Section":
				blocks = append(blocks, limsSection(k, u.rel)...)
			case "Schedule":
				h := k.child("ScheduleFormHeading")
				blocks = append(blocks, block{level: 1, text: joinHead(h.child("Label").text(), h.child("TitleText").text())})
				walk(k, 2)
			case "GroupHeading":
				blocks = append(blocks, block{level: min(level, 5), text: k.text(limsSkip...)})
			case "Provision":
				if lab := k.child("Label").text(); lab != "" && level > 1 {
					txt := strings.TrimSpace(lab + " " + k.child("Text").text(limsSkip...))
					blocks = append(blocks, block{level: 6, number: lab, alineas: []Alinea{{Anchor: "al-1", Text: txt}}},
						block{text: txt})
				} else if t := k.text(limsSkip...); t != "" {
					blocks = append(blocks, block{text: t})
				}
			case "RelatedOrNotInForce":
				walk(k, level+1)
			case "Body", "BillPiece", "DocumentInternal", "Group":
				walk(k, level)
			}
		}
	}
	walk(root.child("Body"), 1)
	for _, s := range root.elems() {
		if s.Name.Local == "Schedule" {
			walk(&xnode{Kids: []*xnode{s}}, 1)
		}
	}
	if len(blocks) == 0 {
		return nil, fmt.Errorf("%w : aucun article dans le XML LIMS", ErrEmpty)
	}
	var outline []*Node
	d.Preamble, d.Provisions, outline = splitOutline("", d.Source, blocks, splitOptions{lang: d.Language})
	d.Outline = outline
	if len(pre) > 0 {
		d.Preamble = strings.TrimSpace(strings.Join(pre, "\n\n") + "\n\n" + d.Preamble)
	}
	return []*Document{d}, nil
}

func joinHead(label, title string) string {
	switch {
	case label == "":
		return title
	case title == "":
		return label
	}
	return label + " — " + title
}

func limsDate(n *xnode) string {
	y, m, dd := n.child("YYYY").text(), n.child("MM").text(), n.child("DD").text()
	if y == "" {
		return ""
	}
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(dd)
	if mi == 0 || di == 0 {
		return y
	}
	return fmt.Sprintf("%s-%02d-%02d", y, mi, di)
}

// limsSection gives the article heading block and paragraph blocks of a
// LIMS Section, with the alinéas built from its structure.
func limsSection(sec *xnode, rel string) []block {
	// "*189": the asterisk calls a footnote (provision not in force).
	num := strings.TrimLeft(sec.child("Label").text(), "*")
	head := block{level: 6, number: num, text: sec.child("MarginalNote").text("FootnoteRef")}
	if num == "" {
		head.number = "?"
	}
	var paras []string
	var alineas []Alinea
	// item renders a labelled element (Subsection, Paragraph,
	// Subparagraph, Clause, Definition) and its descendants, in document
	// order; anchors are set by renumber.
	var item func(n *xnode) Alinea
	item = func(n *xnode) Alinea {
		lab := n.child("Label").text()
		a := Alinea{Label: lab, Heading: n.child("MarginalNote").text("FootnoteRef")}
		for _, k := range n.elems() {
			switch k.Name.Local {
			case "Text":
				t := k.text(limsSkip...)
				if a.Text == "" {
					a.Text = strings.TrimSpace(lab + " " + t)
					paras = append(paras, a.Text)
				} else {
					paras = append(paras, t)
					a.Items = append(a.Items, Alinea{Text: t})
				}
			case "Paragraph", "Subparagraph", "Clause", "Subclause", "Definition":
				a.Items = append(a.Items, item(k))
			case "ContinuedSectionSubsection", "ContinuedParagraph", "ContinuedSubparagraph", "ContinuedClause", "ContinuedDefinition":
				t := k.text(limsSkip...)
				paras = append(paras, t)
				a.Items = append(a.Items, Alinea{Text: t})
			}
		}
		if a.Text == "" {
			a.Text = lab
		}
		return a
	}
	hasSub := false
	for _, k := range sec.elems() {
		if k.Name.Local == "Subsection" {
			hasSub = true
		}
	}
	if !hasSub {
		a := item(&xnode{Kids: withoutLabel(sec)})
		a.Anchor, a.Label, a.Heading = "al-1", "", ""
		renumber(&a)
		alineas = append(alineas, a)
	} else {
		for _, k := range sec.elems() {
			switch k.Name.Local {
			case "Subsection":
				a := item(k)
				a.Anchor = "al-" + strconv.Itoa(len(alineas)+1)
				renumber(&a)
				alineas = append(alineas, a)
			case "Text", "ContinuedSectionSubsection":
				t := k.text(limsSkip...)
				paras = append(paras, t)
				alineas = append(alineas, Alinea{Anchor: "al-" + strconv.Itoa(len(alineas)+1), Text: t})
			}
		}
	}
	head.alineas = alineas
	head.source = rel
	out := []block{head}
	for _, p := range paras {
		if p != "" {
			out = append(out, block{text: p})
		}
	}
	return out
}

// withoutLabel returns the children of a section but its Label and
// MarginalNote, so that the section's own text is not prefixed with its
// number.
func withoutLabel(n *xnode) []*xnode {
	var out []*xnode
	for _, k := range n.Kids {
		if k.Name.Local != "Label" && k.Name.Local != "MarginalNote" {
			out = append(out, k)
		}
	}
	return out
}

// renumber rewrites the anchors of an alinéa's items below its own anchor.
func renumber(a *Alinea) {
	seen := map[string]bool{}
	for i := range a.Items {
		it := &a.Items[i]
		s := itemSlug(it.Label, i+1)
		anchor := a.Anchor + "-" + s
		for n := 2; seen[anchor]; n++ {
			anchor = a.Anchor + "-" + s + "-" + strconv.Itoa(n)
		}
		seen[anchor] = true
		it.Anchor = anchor
		renumber(it)
	}
}
