package corpus

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
)

// AKNNamespace is the OASIS Akoma Ntoso 3.0 namespace.
const AKNNamespace = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"

// lxNamespace holds lextraite's own metadata inside <proprietary>.
const lxNamespace = "https://lextraite.org/ns/akn-proprietary/1"

// aknElement maps outline kinds to Akoma Ntoso hierarchy elements; other
// kinds become <hcontainer name="…">.
var aknElement = map[string]string{
	NodeLivre: "book", NodePartie: "part", NodeTitre: "title", NodeChapitre: "chapter",
	NodeSection: "section", NodeSousSection: "subsection",
}

// eIdPrefix maps the first word of lextraite anchors to the prefixes of
// the Akoma Ntoso naming convention ("chap-3" ↔ "chp_3").
var eIdPrefix = map[string]string{
	"art": "art", "chap": "chp", "titre": "title", "sec": "sec", "ssec": "subsec",
	"livre": "book", "partie": "part", "annexe": "annex",
}

var anchorPrefix = func() map[string]string {
	m := map[string]string{}
	for k, v := range eIdPrefix {
		m[v] = k
	}
	return m
}()

// anchorToEID turns a lextraite anchor into an Akoma Ntoso eId:
// "titre-3--art-4" → "title_3__art_4", "chap-3" → "chp_3".
func anchorToEID(anchor string) string {
	parts := strings.Split(anchor, "--")
	for i, p := range parts {
		head, rest, ok := strings.Cut(p, "-")
		if !ok {
			continue
		}
		if pre, known := eIdPrefix[head]; known {
			head = pre
		}
		parts[i] = head + "_" + rest
	}
	return strings.Join(parts, "__")
}

// eIDToAnchor is the inverse of anchorToEID.
func eIDToAnchor(eid string) string {
	parts := strings.Split(eid, "__")
	for i, p := range parts {
		head, rest, ok := strings.Cut(p, "_")
		if !ok {
			continue
		}
		if pre, known := anchorPrefix[head]; known {
			head = pre
		}
		parts[i] = head + "-" + rest
	}
	return strings.Join(parts, "--")
}

var iso6392 = map[string]string{"fr": "fra", "en": "eng", "nl": "nld", "de": "deu", "it": "ita", "es": "spa", "pt": "por", "ar": "ara"}

// DefaultFRBRURI gives the document's FRBR work URI: its FRBRURI when
// set, else one built from the metadata
// ("/akn/{country}/{act|doc}/{kind}/{year}/{number or id}").
func DefaultFRBRURI(d *Document) string {
	if d.FRBRURI != "" {
		return d.FRBRURI
	}
	country := d.Jurisdiction
	if country == "" {
		country = "int"
	}
	typ := "act"
	if d.Kind == KindDecision {
		typ = "judgment"
	} else if d.Kind == KindTravauxPreparatoires || d.Kind == KindAutre || d.Kind == "" {
		typ = "doc"
	}
	sub := Slug(d.Kind)
	if sub == "" {
		sub = "autre"
	}
	uri := "/akn/" + country + "/" + typ + "/" + sub
	if len(d.Date) >= 4 {
		uri += "/" + d.Date[:4]
	}
	num := Slug(d.Number)
	if len(d.Date) >= 4 && strings.HasPrefix(num, d.Date[:4]+"-") {
		num = num[5:] // loi n° 2012-023 of 2012: "/2012/023"
	}
	if num == "" {
		num = d.ID
	}
	if num != "" {
		uri += "/" + num
	}
	return uri
}

// aknWriter writes indented XML.
type aknWriter struct {
	b     bytes.Buffer
	depth int
}

func (w *aknWriter) open(name string, attrs ...string) {
	w.indent()
	w.b.WriteString("<" + name)
	w.attrs(attrs)
	w.b.WriteString(">\n")
	w.depth++
}

func (w *aknWriter) close(name string) {
	w.depth--
	w.indent()
	w.b.WriteString("</" + name + ">\n")
}

func (w *aknWriter) empty(name string, attrs ...string) {
	w.indent()
	w.b.WriteString("<" + name)
	w.attrs(attrs)
	w.b.WriteString("/>\n")
}

// leaf writes <name attrs>text</name>.
func (w *aknWriter) leaf(name, text string, attrs ...string) {
	w.indent()
	w.b.WriteString("<" + name)
	w.attrs(attrs)
	w.b.WriteString(">")
	_ = xml.EscapeText(&w.b, []byte(text))
	w.b.WriteString("</" + name + ">\n")
}

func (w *aknWriter) attrs(kv []string) {
	for i := 0; i+1 < len(kv); i += 2 {
		w.b.WriteString(" " + kv[i] + `="`)
		_ = xml.EscapeText(&w.b, []byte(kv[i+1]))
		w.b.WriteString(`"`)
	}
}

func (w *aknWriter) indent() { w.b.WriteString(strings.Repeat("  ", w.depth)) }

// ExportAKN renders a document as Akoma Ntoso 3.0 XML: FRBR metadata from
// FRBRURI (or DefaultFRBRURI), lextraite's own metadata in <proprietary>,
// the title in <preface>, the preamble, then the outline's divisions and
// articles with eId attributes, each article's alinéas as <paragraph> and
// their enumerated items as <list>/<point>. Laws and treaties are <act>,
// decisions and other texts <doc>. ImportAKN (an .xml file loaded by
// LoadDir) reads it back to the same outline.
func ExportAKN(d *Document) ([]byte, error) {
	if d == nil {
		return nil, fmt.Errorf("ExportAKN : document nil")
	}
	w := &aknWriter{}
	w.b.WriteString(xml.Header)
	w.open("akomaNtoso", "xmlns", AKNNamespace, "xmlns:lx", lxNamespace)
	docElem, body := "act", "body"
	if d.Kind == KindDecision || d.Kind == KindTravauxPreparatoires || d.Kind == KindAutre || d.Kind == "" {
		docElem, body = "doc", "mainBody"
	}
	name := d.Kind
	if name == "" {
		name = KindAutre
	}
	w.open(docElem, "name", name)
	uri := DefaultFRBRURI(d)
	lang3 := iso6392[d.Language]
	if lang3 == "" {
		lang3 = "und"
	}
	date, dateName := d.Date, "adoption"
	switch {
	case len(date) == 4:
		date, dateName = date+"-01-01", "year"
	case len(date) != 10:
		date, dateName = "0001-01-01", "unknown"
	}
	country := d.Jurisdiction
	if country == "" {
		country = "int"
	}
	w.open("meta")
	w.open("identification", "source", "#lextraite")
	w.open("FRBRWork")
	w.empty("FRBRthis", "value", uri+"/!main")
	w.empty("FRBRuri", "value", uri)
	if d.Title != "" {
		w.empty("FRBRalias", "value", d.Title, "name", "title")
	}
	for _, s := range d.ShortTitles {
		w.empty("FRBRalias", "value", s, "name", "short")
	}
	w.empty("FRBRdate", "date", date, "name", dateName)
	w.empty("FRBRauthor", "href", "#"+country)
	w.empty("FRBRcountry", "value", country)
	if d.Number != "" {
		w.empty("FRBRnumber", "value", d.Number)
	}
	w.empty("FRBRname", "value", name)
	w.close("FRBRWork")
	w.open("FRBRExpression")
	w.empty("FRBRthis", "value", uri+"/"+lang3+"@/!main")
	w.empty("FRBRuri", "value", uri+"/"+lang3+"@")
	w.empty("FRBRdate", "date", date, "name", dateName)
	w.empty("FRBRauthor", "href", "#lextraite")
	w.empty("FRBRlanguage", "language", lang3)
	w.close("FRBRExpression")
	w.open("FRBRManifestation")
	w.empty("FRBRthis", "value", uri+"/"+lang3+"@/!main.xml")
	w.empty("FRBRuri", "value", uri+"/"+lang3+"@.akn")
	w.empty("FRBRdate", "date", date, "name", dateName)
	w.empty("FRBRauthor", "href", "#lextraite")
	w.close("FRBRManifestation")
	w.close("identification")
	w.open("proprietary", "source", "#lextraite")
	w.open("lx:document", "id", d.ID, "workId", d.WorkID, "frbrUri", d.FRBRURI, "kind", d.Kind,
		"jurisdiction", d.Jurisdiction, "language", d.Language, "date", d.Date, "number", d.Number,
		"authority", d.Authority, "source", d.Source, "format", d.Format)
	for _, s := range d.ShortTitles {
		w.leaf("lx:shortTitle", s)
	}
	for _, n := range d.Notes {
		w.leaf("lx:note", n)
	}
	for _, p := range d.Provisions {
		if p.Source != "" && p.Source != d.Source {
			w.empty("lx:provision", "eId", anchorToEID(p.Anchor), "source", p.Source)
		}
	}
	w.close("lx:document")
	w.close("proprietary")
	w.close("meta")
	if d.Title != "" {
		w.open("preface")
		w.open("longTitle", "eId", "longTitle")
		w.indent()
		w.b.WriteString("<p><docTitle>")
		_ = xml.EscapeText(&w.b, []byte(d.Title))
		w.b.WriteString("</docTitle></p>\n")
		w.close("longTitle")
		w.close("preface")
	}
	if strings.TrimSpace(d.Preamble) != "" {
		w.open("preamble")
		for _, p := range strings.Split(d.Preamble, "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				w.leaf("p", p)
			}
		}
		w.close("preamble")
	}
	provs := map[string]*Provision{}
	for i := range d.Provisions {
		provs[d.Provisions[i].Anchor] = &d.Provisions[i]
	}
	outline := d.Outline
	if len(outline) == 0 {
		outline = flatOutline(d.Provisions)
	}
	w.open(body)
	for _, n := range outline {
		if err := w.node(n, provs); err != nil {
			return nil, err
		}
	}
	if len(outline) == 0 {
		w.empty("p") // a body may not be empty
	}
	w.close(body)
	w.close(docElem)
	w.close("akomaNtoso")
	return w.b.Bytes(), nil
}

func (w *aknWriter) node(n *Node, provs map[string]*Provision) error {
	if n.Kind == NodeArticle {
		p := provs[n.Anchor]
		if p == nil {
			return fmt.Errorf("ExportAKN : l'article %s du plan n'a pas de disposition", n.Anchor)
		}
		eid := anchorToEID(p.Anchor)
		if p.Kind != "" {
			// An annex, a form or a section of another act: an article
			// of its own, its kind in the AKN class attribute.
			w.open("article", "eId", eid, "class", p.Kind)
		} else {
			w.open("article", "eId", eid)
		}
		w.leaf("num", p.Number)
		if p.Heading != "" {
			w.leaf("heading", p.Heading)
		}
		if len(p.Alineas) == 0 {
			w.open("content")
			w.empty("p")
			w.close("content")
		}
		for _, a := range p.Alineas {
			w.alinea(a, eid, 0)
		}
		w.close("article")
		return nil
	}
	elem, ok := aknElement[n.Kind]
	attrs := []string{"eId", anchorToEID(n.Anchor)}
	if !ok {
		elem = "hcontainer"
		attrs = append(attrs, "name", n.Kind)
	}
	w.open(elem, attrs...)
	if n.Label != "" {
		w.leaf("num", n.Label)
	}
	if n.Heading != "" {
		w.leaf("heading", n.Heading)
	}
	for _, c := range n.Children {
		if err := w.node(c, provs); err != nil {
			return err
		}
	}
	if len(n.Children) == 0 {
		w.open("content")
		w.empty("p")
		w.close("content")
	}
	w.close(elem)
	return nil
}

// alinea writes an alinéa as <paragraph> (depth 0) or an item as <point>,
// with <list> when it has items.
func (w *aknWriter) alinea(a Alinea, parent string, depth int) {
	elem, eid := "paragraph", parent+"__para_"+strings.TrimPrefix(a.Anchor, "al-")
	if depth > 0 {
		elem = "point"
		eid = parent + "__point_" + a.Anchor[strings.LastIndex(a.Anchor, "-")+1:]
	}
	w.open(elem, "eId", eid)
	if a.Label != "" {
		w.leaf("num", a.Label)
	}
	if a.Heading != "" {
		w.leaf("heading", a.Heading)
	}
	if len(a.Items) == 0 {
		w.open("content")
		w.leaf("p", a.Text)
		w.close("content")
	} else {
		w.open("list", "eId", eid+"__list_1")
		w.open("intro")
		w.leaf("p", a.Text)
		w.close("intro")
		for _, it := range a.Items {
			w.alinea(it, eid, depth+1)
		}
		w.close("list")
	}
	w.close(elem)
}

// flatOutline gives an outline of articles only, for documents whose
// loader built none.
func flatOutline(provs []Provision) []*Node {
	var out []*Node
	for i := range provs {
		out = append(out, outlineArticle(&provs[i]))
	}
	return out
}

// importAKN reads an Akoma Ntoso document into a Document: metadata from
// lextraite's <proprietary> block when present, else from the FRBR
// identification; outline and provisions from the body's hierarchy.
func importAKN(root *xnode) (*Document, error) {
	var top *xnode
	for _, k := range root.elems() {
		if k.Name.Local != "components" {
			top = k
			break
		}
	}
	if top == nil {
		return nil, fmt.Errorf("%w : Akoma Ntoso sans document", ErrEmpty)
	}
	d := &Document{Notes: []string{}, ShortTitles: []string{}}
	if validKind(top.attr("name")) {
		d.Kind = top.attr("name")
	}
	meta := top.child("meta")
	ident := meta.child("identification")
	work := ident.child("FRBRWork")
	for _, k := range work.elems() {
		switch k.Name.Local {
		case "FRBRuri":
			d.FRBRURI = k.attr("value")
		case "FRBRcountry":
			d.Jurisdiction = k.attr("value")
		case "FRBRnumber":
			d.Number = k.attr("value")
		case "FRBRdate":
			if k.attr("name") != "unknown" {
				d.Date = k.attr("date")
				if k.attr("name") == "year" && len(d.Date) >= 4 {
					d.Date = d.Date[:4]
				}
			}
		case "FRBRalias":
			if k.attr("name") == "short" {
				d.ShortTitles = append(d.ShortTitles, k.attr("value"))
			}
		}
	}
	if l := ident.child("FRBRExpression").child("FRBRlanguage").attr("language"); l != "" {
		for two, three := range iso6392 {
			if three == l {
				d.Language = two
			}
		}
	}
	d.Title = strings.TrimSpace(top.child("preface").child("longTitle").child("p").raw())
	sources := map[string]string{}
	if lx := meta.child("proprietary").child("document"); lx != nil {
		d.ID, d.WorkID, d.FRBRURI = lx.attr("id"), lx.attr("workId"), lx.attr("frbrUri")
		d.Kind, d.Jurisdiction, d.Language = lx.attr("kind"), lx.attr("jurisdiction"), lx.attr("language")
		d.Date, d.Number, d.Authority = lx.attr("date"), lx.attr("number"), lx.attr("authority")
		d.ShortTitles = []string{}
		for _, k := range lx.elems() {
			switch k.Name.Local {
			case "shortTitle":
				d.ShortTitles = append(d.ShortTitles, k.raw())
			case "note":
				d.Notes = append(d.Notes, k.raw())
			case "provision":
				sources[eIDToAnchor(k.attr("eId"))] = k.attr("source")
			}
		}
	}
	if pre := top.child("preamble"); pre != nil {
		var ps []string
		for _, p := range pre.elems() {
			if t := p.raw(); t != "" {
				ps = append(ps, t)
			}
		}
		d.Preamble = strings.Join(ps, "\n\n")
	}
	body := top.child("body")
	if body == nil {
		body = top.child("mainBody")
	}
	if body == nil {
		body = top.child("judgmentBody")
	}
	var walk func(n *xnode, path []string) []*Node
	walk = func(n *xnode, path []string) []*Node {
		var out []*Node
		for _, k := range n.elems() {
			switch k.Name.Local {
			case "article":
				p := Provision{Anchor: eIDToAnchor(k.attr("eId")), Number: k.child("num").raw(), Kind: provisionKind(k.attr("class")),
					Heading: k.child("heading").raw(), Path: append([]string{}, path...), Source: sources[eIDToAnchor(k.attr("eId"))]}
				for _, c := range k.elems() {
					if c.Name.Local == "paragraph" {
						p.Alineas = append(p.Alineas, importAlinea(c, "al-"+strings.TrimPrefix(c.attr("eId")[strings.LastIndex(c.attr("eId"), "__")+2:], "para_")))
					}
				}
				var paras []string
				var flat func([]Alinea)
				flat = func(as []Alinea) {
					for _, a := range as {
						if a.Text != "" {
							paras = append(paras, a.Text)
						}
						flat(a.Items)
					}
				}
				flat(p.Alineas)
				p.Text = strings.Join(paras, "\n\n")
				p.NumberNorm = NormalizeNumber(p.Number)
				if p.Source == "" {
					p.Source = d.Source
				}
				d.Provisions = append(d.Provisions, p)
				out = append(out, outlineArticle(&p))
			case "book", "part", "title", "chapter", "section", "subsection", "hcontainer", "division", "subtitle", "subchapter", "subpart", "tome":
				label, heading := k.child("num").raw(), k.child("heading").raw()
				var nd *Node
				if label != "" {
					nd = divisionNode(label, heading)
				} else {
					nd = &Node{Kind: NodeGroupe, Heading: heading}
				}
				if k.Name.Local == "hcontainer" && k.attr("name") != "" {
					nd.Kind = k.attr("name")
				} else if kind, ok := aknKind[k.Name.Local]; ok {
					nd.Kind = kind
				}
				nd.Anchor = eIDToAnchor(k.attr("eId"))
				crumb := heading
				if label != "" {
					crumb = joinHead(label, heading)
				}
				nd.Children = walk(k, append(append([]string{}, path...), crumb))
				out = append(out, nd)
			}
		}
		return out
	}
	if body != nil {
		d.Outline = walk(body, nil)
	}
	return d, nil
}

// provisionKind is the Provision.Kind an AKN class attribute names, ""
// for any other class.
func provisionKind(class string) string {
	switch class {
	case ProvisionAnnexe, ProvisionFormule, ProvisionConnexe:
		return class
	}
	return ""
}

var aknKind = func() map[string]string {
	m := map[string]string{}
	for k, v := range aknElement {
		m[v] = k
	}
	return m
}()

// importAlinea reads a <paragraph> or <point> back into an Alinea whose
// anchor is given.
func importAlinea(n *xnode, anchor string) Alinea {
	a := Alinea{Anchor: anchor, Label: n.child("num").raw(), Heading: n.child("heading").raw()}
	if c := n.child("content"); c != nil {
		a.Text = c.child("p").raw()
	}
	if l := n.child("list"); l != nil {
		a.Text = l.child("intro").child("p").raw()
		for _, pt := range l.elems() {
			if pt.Name.Local == "point" {
				eid := pt.attr("eId")
				a.Items = append(a.Items, importAlinea(pt, anchor+"-"+eid[strings.LastIndex(eid, "__point_")+len("__point_"):]))
			}
		}
	}
	return a
}
