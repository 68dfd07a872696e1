package corpus

import (
	"regexp"
	"strconv"
	"strings"
)

// Node kinds of an Outline. Divisions keep their French name whatever the
// document's language ("Chapter IV" is a chapitre with Label "Chapter IV").
const (
	NodeLivre       = "livre"
	NodePartie      = "partie"
	NodeTitre       = "titre"
	NodeChapitre    = "chapitre"
	NodeSection     = "section"
	NodeSousSection = "sous-section"
	NodeParagraphe  = "paragraphe"
	NodeAnnexe      = "annexe"
	// NodeGroupe is a heading without a division word ("Titre abrégé",
	// "Dispositions finales", a bare roman numeral).
	NodeGroupe  = "groupe"
	NodeArticle = "article"
)

// Node is one element of a document's outline: a division or an article.
type Node struct {
	// Kind is one of the Node* constants.
	Kind string `json:"kind"`
	// Label is the division's label as written ("Titre II", "CHAPITRE 3",
	// "Chapter IV"); "" for articles and groups.
	Label string `json:"label,omitempty"`
	// Number is the number as written ("II", "premier", "225-4-1", "1 bis").
	Number string `json:"number,omitempty"`
	// Norm is the normalised number: roman numerals in arabic figures for
	// divisions, "premier"/"1er" → "1", lowercase ("2", "1 bis", "224-1 a").
	Norm string `json:"norm,omitempty"`
	// Heading is the division's or article's own title.
	Heading string `json:"heading,omitempty"`
	// Anchor is unique in the document: "titre-2", "chap-3", "sec-1-bis",
	// and for an article the anchor of its Provision.
	Anchor string `json:"anchor,omitempty"`
	// Children are the divisions and articles inside, in reading order.
	Children []*Node `json:"children,omitempty"`
}

// Alinea is one paragraph of a provision, or an enumerated item inside one.
type Alinea struct {
	// Anchor is relative to the provision: "al-2" for the second alinéa,
	// "al-2-1" for its item "1°", "al-2-1-a" for the item "a)" inside that.
	Anchor string `json:"anchor"`
	// Label is the enumeration mark as written: "1°", "a)", "b.1)", "I. -",
	// "(2)", "(a)", "(i)", "–"; "" for an unnumbered alinéa.
	Label string `json:"label,omitempty"`
	// Heading is the alinéa's own title where the source gives one (the
	// marginal notes of Canadian subsections).
	Heading string `json:"heading,omitempty"`
	// Text is the paragraph as written, label included.
	Text string `json:"text"`
	// Items are the enumerated items that depend on this alinéa or item.
	Items []Alinea `json:"items,omitempty"`
}

// canonicalDivision maps the division words of the corpus languages to the
// Node kinds.
var canonicalDivision = map[string]string{
	"livre": NodeLivre, "book": NodeLivre, "boek": NodeLivre,
	"partie": NodePartie, "part": NodePartie, "deel": NodePartie,
	"titre": NodeTitre, "title": NodeTitre, "titel": NodeTitre,
	"chapitre": NodeChapitre, "chapter": NodeChapitre, "hoofdstuk": NodeChapitre, "kapitel": NodeChapitre, "capitolo": NodeChapitre,
	"section": NodeSection, "afdeling": NodeSection, "abschnitt": NodeSection, "sezione": NodeSection,
	"sous-section": NodeSousSection, "paragraphe": NodeParagraphe,
	"annexe": NodeAnnexe, "annex": NodeAnnexe, "bijlage": NodeAnnexe, "anhang": NodeAnnexe, "allegato": NodeAnnexe,
}

var reDivisionNumber = regexp.MustCompile(`^(?i:[IVXLC]+|\d+(?:\.\d+)*|premier|première|unique|1er)(?:bis|ter|quater)?$`)

// divisionNode builds the outline node of a division heading: label as
// split found it ("Titre II", or any other heading text for a group) and
// its own title.
func divisionNode(label, title string) *Node {
	f := strings.Fields(label)
	if len(f) >= 2 && reDivisionNumber.MatchString(f[1]) {
		if kind, ok := canonicalDivision[strings.ToLower(f[0])]; ok {
			num := strings.Join(f[1:], " ")
			return &Node{Kind: kind, Label: label, Number: num, Norm: normDivisionNumber(num), Heading: title}
		}
	}
	if len(f) == 1 && reRoman.MatchString(label) {
		n := strings.TrimSuffix(label, ".")
		return &Node{Kind: NodeGroupe, Label: label, Number: n, Norm: normDivisionNumber(n), Heading: title}
	}
	h := label
	if title != "" {
		h = label + " — " + title
	}
	return &Node{Kind: NodeGroupe, Heading: h}
}

// normDivisionNumber gives the normalised form of a division number:
// "II" → "2", "premier"/"1er" → "1", "1 bis" → "1 bis", "unique" kept.
func normDivisionNumber(n string) string {
	f := strings.Fields(strings.ToLower(n))
	if len(f) == 0 {
		return ""
	}
	switch {
	case f[0] == "premier" || f[0] == "1er" || f[0] == "première":
		f[0] = "1"
	case romanValue(f[0]) > 0 && reRoman.MatchString(strings.ToUpper(f[0])):
		f[0] = strconv.Itoa(romanValue(f[0]))
	}
	return strings.Join(f, " ")
}

var (
	// Enumeration marks at the start of a paragraph, most specific first.
	reItemDegree = regexp.MustCompile(`^(\d+)\s?°`)                                // 1°
	reItemLetter = regexp.MustCompile(`^([a-z](?:\.\d+)?|[a-z]bis|[a-z]ter)\)`)    // a) b.1)
	reItemParen  = regexp.MustCompile(`^\(([a-z]{1,2}(?:\.\d+)?|[ivxl]+|[A-Z])\)`) // (a) (i) (A)
	reItemSwissL = regexp.MustCompile(`^([a-z](?:bis|ter|quater)?)\.\s`)           // a. (Fedlex)
	reAlRoman    = regexp.MustCompile(`^([IVX]+)\.?\s?[-–—]`)                      // I. -
	reAlParen    = regexp.MustCompile(`^\((\d+(?:\.\d+)?)\)`)                      // (1) (3.1)
	reAlNumDot   = regexp.MustCompile(`^(\d+)\.[\s\x{a0}]`)                        // 1. (English)
	reAlSwiss    = regexp.MustCompile(`^(\d+(?:bis|ter|quater)?)[\s\x{a0}]\p{Lu}`) // 1 La présente (Swiss)
	reItemDash   = regexp.MustCompile(`^([-–—•])\s`)                               // – item
	reRomanLower = regexp.MustCompile(`^[ivxl]+$`)
)

// alineaMark classifies the start of a paragraph. Top-level marks (I. -,
// (1), 1.) start a new alinéa; item marks (1°, a), (a), (i), –) nest. kind
// tells item families apart so that "a)" inside "1°" nests one level
// deeper and the next "2°" comes back.
func alineaMark(p string) (label, kind string, top bool) {
	switch {
	case reItemDegree.MatchString(p):
		return reItemDegree.FindString(p), "degree", false
	case reItemLetter.MatchString(p):
		return reItemLetter.FindString(p), "letter", false
	case reItemParen.MatchString(p):
		m := reItemParen.FindStringSubmatch(p)
		switch {
		case reRomanLower.MatchString(m[1]):
			return m[0], "proman", false
		case m[1] >= "A" && m[1] <= "Z":
			return m[0], "pupper", false
		}
		return m[0], "pletter", false
	case reAlRoman.MatchString(p):
		return strings.TrimSpace(reAlRoman.FindString(p)), "roman", true
	case reAlParen.MatchString(p):
		return reAlParen.FindString(p), "paren", true
	case reAlNumDot.MatchString(p):
		return strings.TrimSpace(reAlNumDot.FindString(p)), "numdot", true
	case reItemSwissL.MatchString(p):
		return strings.TrimSpace(reItemSwissL.FindString(p)), "swissletter", false
	case reAlSwiss.MatchString(p):
		return reAlSwiss.FindStringSubmatch(p)[1], "swiss", true
	case reItemDash.MatchString(p):
		return reItemDash.FindStringSubmatch(p)[1], "dash", false
	}
	return "", "", true
}

// labelSlug turns an enumeration mark into an anchor part: "1°" → "1",
// "b.1)" → "b-1", "(ii)" → "ii", "–" → "".
func labelSlug(label string) string {
	return Slug(strings.NewReplacer("°", "", "(", "", ")", "", ".", "-").Replace(label))
}

// parseAlineas splits a provision's text (paragraphs separated by a blank
// line) into alinéas and nested enumerated items.
func parseAlineas(text string) []Alinea {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	var (
		out []Alinea
		// kinds of the open item levels, outermost first
		kinds       []string
		topKind     string
		prevPara    string
		numdotItems bool
	)
	// item returns the slice of items at depth d (0 = alinéas).
	var itemsAt func(d int) *[]Alinea
	itemsAt = func(d int) *[]Alinea {
		s := &out
		for i := 0; i < d; i++ {
			s = &(*s)[len(*s)-1].Items
		}
		return s
	}
	for _, para := range strings.Split(text, "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		label, kind, top := alineaMark(para)
		// "1." items announced by a colon ("… sont : 1. les lois…") are
		// an enumeration, not numbered paragraphs.
		if kind == "numdot" && (strings.HasSuffix(prevPara, ":") || numdotItems) && len(out) > 0 {
			top, numdotItems = false, true
		} else if top {
			numdotItems = false
		}
		prevPara = para
		if top || len(out) == 0 || kind == topKind {
			if !top && len(out) == 0 {
				topKind = kind // the text opens on items: each is an alinéa
			} else if top {
				topKind = ""
			}
			kinds = kinds[:0]
			out = append(out, Alinea{Anchor: "al-" + strconv.Itoa(len(out)+1), Label: label, Text: para})
			continue
		}
		// "(i)" after "(h)" is a letter, not a roman numeral.
		if kind == "proman" && len(label) == 3 {
			for i, k := range kinds {
				if k != "pletter" {
					continue
				}
				items := *itemsAt(i)
				if last := items[len(items)-1].Items; len(last) > 0 {
					prev := last[len(last)-1].Label
					if len(prev) == 3 && prev[1]+1 == label[1] {
						kind = "pletter"
					}
				}
			}
		}
		depth := -1
		for i, k := range kinds {
			if k == kind {
				depth = i
				break
			}
		}
		if depth < 0 {
			kinds = append(kinds, kind)
			depth = len(kinds) - 1
		} else {
			kinds = kinds[:depth+1]
		}
		parentList := itemsAt(depth)
		parent := &(*parentList)[len(*parentList)-1]
		a := Alinea{Anchor: parent.Anchor + "-" + itemSlug(label, len(parent.Items)+1), Label: label, Text: para}
		for _, sib := range parent.Items {
			if sib.Anchor == a.Anchor {
				a.Anchor += "-" + strconv.Itoa(len(parent.Items)+1)
				break
			}
		}
		parent.Items = append(parent.Items, a)
	}
	return out
}

func itemSlug(label string, pos int) string {
	if s := labelSlug(label); s != "" {
		return s
	}
	return "t" + strconv.Itoa(pos)
}

// outlineArticle returns the outline node of a provision.
func outlineArticle(p *Provision) *Node {
	return &Node{Kind: NodeArticle, Number: p.Number, Norm: NormalizeNumber(p.Number), Heading: p.Heading, Anchor: p.Anchor}
}

// uniqueDivisionAnchors makes the anchors of the divisions of an outline
// unique: a repeated one ("par-1" in two titres) takes its parent's anchor
// as prefix ("titre-3--par-1"), as provisions do.
func uniqueDivisionAnchors(nodes []*Node, used map[string]bool, parent string) {
	for _, n := range nodes {
		if n.Kind != NodeArticle {
			if n.Anchor == "" {
				n.Anchor = "div"
			}
			if used[n.Anchor] && parent != "" {
				n.Anchor = parent + "--" + n.Anchor
			}
			base := n.Anchor
			for i := 2; used[n.Anchor]; i++ {
				n.Anchor = base + "-" + strconv.Itoa(i)
			}
			used[n.Anchor] = true
			uniqueDivisionAnchors(n.Children, used, n.Anchor)
		}
	}
}

// WalkOutline calls fn for every node of the outline, depth first in
// reading order, with the node's depth (0 for top-level nodes).
func WalkOutline(nodes []*Node, fn func(n *Node, depth int)) {
	var walk func([]*Node, int)
	walk = func(ns []*Node, d int) {
		for _, n := range ns {
			fn(n, d)
			walk(n.Children, d+1)
		}
	}
	walk(nodes, 0)
}
