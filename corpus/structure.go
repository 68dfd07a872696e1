package corpus

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// block is one unit of extracted text in reading order: a heading (level
// 1–6) or a paragraph (level 0). Every loader reduces its format to blocks;
// split turns blocks into provisions.
type block struct {
	level int
	text  string
	// source overrides the document's source for the provision this block
	// starts (per-article files of a folder document).
	source string
	// number, when set, makes the block an article heading with this
	// number and text as its heading, without recognising "Article N" in
	// the text (structured formats: LIMS XML).
	number string
	// alineas, on an article heading block, are the article's alinéas
	// when the format gives them (LIMS XML); else they are parsed from the
	// text.
	alineas []Alinea
	// closeDivisions marks the end of every division deeper than level,
	// without text: the next article of a folder document sits in a
	// shallower folder (a loose article of a livre after the folder of one
	// of its chapitres) and must not inherit the chapitre.
	closeDivisions bool
	// converted marks a heading whose level a conversion chose (Markdown,
	// HTML): the division words may overrule it (see pushDivision). The
	// levels of a folder tree or of the LIMS XML are the source's own.
	converted bool
}

// articleNumberPattern matches an article number as written, at the start of the
// remaining text: "premier", "1er", "225-4-1", "224-1 A", "L622-1",
// "L. 622-1", "279.01", "3 bis", "9 nouveau", "3 paragraphe 4 nouveau".
const articleNumberPattern = `(?:premier|PREMIER|Premier|1\s?er|1\s?ER|[LRDA]\.?\s?\d+(?:[-.]\d+)*|\d+(?:[-.]\d+)*(?:[a-z]?(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|nonies|decies)|[a-z]\b)?(?:\s?[A-Z](?:\b|$))?|[IVXLC]+\b)` +
	`(?:\s+(?:bis|ter|quater|quinquies|sexies|septies|octies|nonies|novies|decies|undecies|duodecies|nouveau|BIS|TER|QUATER|NOUVEAU)\b)*` +
	`(?:\s*[–-]?\s*(?:[Aa]linéa|[Pp]aragraphe)\s+\d+(?:\s*\([a-z]\))?(?:\s+nouveau)?)?`

var (
	// "Article 3", "ARTICLE 1er :", "Art. 2.-", "Artikel 3", "Articolo 3".
	reArticleHead = regexp.MustCompile(`^(?:\*\*)?(?:Article|ARTICLE|Art\.|ART\.|Artikel|ARTIKEL|Articolo|ARTICOLO|Art)\s*(` + articleNumberPattern + `)(?:\*\*)?(.*)$`)
	// After the number of a real heading: end, punctuation, or a capital.
	reHeadRest = regexp.MustCompile(`^(?:\s*$|\s*[:.\-–—!]|\s+[\p{Lu}«(]|\s+[0-9]+\s)`)
	// A bare section number heading, as in converted statutes: "279.01
	// Traite des personnes", "157 et 158" and "594 à 596" (repealed together).
	reNumericHead = regexp.MustCompile(`^(\d+(?:\.\d+)*(?:\s+(?:à|et)\s+\d+(?:\.\d+)*)?)(?:\s+(.*))?$`)
	// Division headings: "Titre II", "CHAPITRE 3 :", "Section 1 bis", "Chapter IV", "Hoofdstuk 2".
	reDivision = regexp.MustCompile(`^(?i)(livre|titre|chapitre|sous-section|section|paragraphe|partie|part|chapter|chapitre|hoofdstuk|afdeling|titel|kapitel|capitolo|annexe|annex|bijlage)\s+((?:[IVXLC]+|\d+(?:\.\d+)*|premier|unique|1er)(?:\s*(?:bis|ter|quater))?)\b\s*[:.\-–—]?\s*(.*)$`)
	reRoman    = regexp.MustCompile(`^[IVXLC]+\.?$`)
	// Fedlex run-together alinéas: "…Convention.(2)  Les dispositions".
	reRunAlinea = regexp.MustCompile(`([.;:])\((\d+)\)[\s\x{a0}]{2}`)
)

// articleHead reports whether text starts an article and returns its number
// as written and the rest of the line (heading or beginning of the text).
// A citation such as "Article 3 du Protocole" is not a heading.
func articleHead(text string) (number, rest string, ok bool) {
	t := strings.TrimSpace(text)
	m := reArticleHead.FindStringSubmatch(t)
	if m == nil {
		return "", "", false
	}
	number, rest = strings.TrimSpace(m[1]), m[2]
	// "Art. 10 Définitions": the capital of the next word is not a
	// letter suffix ("224-1 A") when a letter follows it.
	if r, _ := utf8.DecodeRuneInString(rest); unicode.IsLetter(r) {
		if n := len(number); n > 0 && number[n-1] >= 'A' && number[n-1] <= 'Z' && !reRoman.MatchString(number) {
			rest = number[n-1:] + rest
			number = strings.TrimSpace(number[:n-1])
			rest = " " + rest
		}
	}
	if !reHeadRest.MatchString(rest) {
		return "", "", false
	}
	r := strings.TrimSpace(rest)
	lr := strings.ToLower(r)
	for _, w := range []string{"du ", "de ", "des ", "et ", "à ", "of ", "and ", "to ", "van ", "en "} {
		if strings.HasPrefix(lr, w) {
			return "", "", false
		}
	}
	// Numbers such as "3 du" were rejected above; a roman number alone is
	// only a heading when nothing else follows.
	if reRoman.MatchString(number) && r != "" && !strings.HasPrefix(r, ":") && !strings.HasPrefix(r, "-") && !strings.HasPrefix(r, ".") {
		return "", "", false
	}
	r = strings.TrimLeft(r, ":.-–—! ")
	r = strings.TrimSpace(strings.TrimPrefix(r, "**"))
	return number, r, true
}

// divisionHead recognises a division heading and returns its label
// ("Titre II") and its own title.
func divisionHead(text string) (label, title string, ok bool) {
	t := strings.TrimSpace(text)
	m := reDivision.FindStringSubmatch(t)
	if m == nil {
		if reRoman.MatchString(t) {
			return strings.TrimSuffix(t, "."), "", true
		}
		return "", "", false
	}
	return strings.TrimSpace(m[1] + " " + m[2]), strings.TrimSpace(m[3]), true
}

// divisionAnchor gives the anchor of a division label: "Titre II" →
// "titre-2", "Chapitre 3" → "chap-3", "Section 1 bis" → "sec-1-bis".
func divisionAnchor(label string) string {
	f := strings.Fields(strings.ToLower(label))
	if len(f) == 0 {
		return ""
	}
	prefix := map[string]string{"chapitre": "chap", "chapter": "chap", "hoofdstuk": "chap", "kapitel": "chap", "capitolo": "chap",
		"section": "sec", "afdeling": "sec", "sous-section": "ssec", "paragraphe": "par", "partie": "partie", "part": "partie",
		"titel": "titre", "annex": "annexe", "bijlage": "annexe"}[f[0]]
	if prefix == "" {
		prefix = f[0]
	}
	if len(f) == 1 { // a bare roman numeral heading
		return "div-" + Slug(strconv.Itoa(romanValue(f[0])))
	}
	n := f[1]
	if v := romanValue(n); v > 0 {
		n = strconv.Itoa(v)
	} else if n == "premier" || n == "1er" {
		n = "1"
	}
	a := Slug(prefix + "-" + n + " " + strings.Join(f[2:], " "))
	if len(a) > 40 {
		a = strings.TrimRight(a[:40], "-")
	}
	return a
}

// romanValue returns the value of a lowercase or uppercase roman numeral,
// 0 when s is not one.
func romanValue(s string) int {
	vals := map[rune]int{'i': 1, 'v': 5, 'x': 10, 'l': 50, 'c': 100}
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	total, prev := 0, 0
	for i := len(s) - 1; i >= 0; i-- {
		v, ok := vals[rune(s[i])]
		if !ok {
			return 0
		}
		if v < prev {
			total -= v
		} else {
			total += v
			prev = v
		}
	}
	return total
}

// pathEntry is one open division while splitting.
type pathEntry struct {
	level  int // heading level, or 7 for divisions found in plain text
	rank   int // divisionRank of its kind; 0 for a group or an annex
	label  string
	anchor string
	node   *Node
	// appendix marks a division holding sections of other acts
	// (reAppendixDivision): its articles are ProvisionConnexe.
	appendix bool
	// annex marks the entry of an annex provision (startAnnex): it
	// prefixes the anchors of the items inside, and stays out of their
	// Path, as the outline holds the annex as a provision, not a division.
	annex bool
}

// splitOptions tune split for a document.
type splitOptions struct {
	lang string
	// numericHeads accepts "279.01 Traite des personnes" headings as
	// articles (converted statutes without the word "Article").
	numericHeads bool
	// noArticles keeps the whole text as preamble (decisions).
	noArticles bool
}

// split turns blocks into the document's preamble and provisions.
// Provision ids are set from docID. It never fails: text that is not inside
// an article goes to the preamble.
func split(docID, source string, blocks []block, opt splitOptions) (preamble string, provs []Provision) {
	preamble, provs, _ = splitOutline(docID, source, blocks, opt)
	return preamble, provs
}

// splitOutline is split that also returns the document's outline: the
// divisions met, each holding its articles.
func splitOutline(docID, source string, blocks []block, opt splitOptions) (preamble string, provs []Provision, outline []*Node) {
	var (
		curNode *Node
		// addNode attaches a node under the innermost open division.
		addNode = func(n *Node, path []pathEntry) {
			for i := len(path) - 1; i >= 0; i-- {
				if path[i].node != nil {
					path[i].node.Children = append(path[i].node.Children, n)
					return
				}
			}
			outline = append(outline, n)
		}
	)
	var (
		path     []pathEntry
		pre      []string
		cur      *Provision
		curLevel int
		body     []string
		used     = map[string]bool{}
		// awaitHeading: the block after an article heading may be its title.
		awaitHeading bool
	)
	flush := func() {
		if cur == nil {
			return
		}
		cur.Text = strings.TrimSpace(strings.Join(body, "\n\n"))
		cur.NumberNorm = NormalizeNumber(cur.Number)
		if cur.Alineas == nil {
			cur.Alineas = parseAlineas(cur.Text)
		}
		curNode.Heading = cur.Heading
		provs = append(provs, *cur)
		cur, body, curNode = nil, nil, nil
	}
	labels := func() []string {
		out := make([]string, 0, len(path))
		for _, p := range path {
			if !p.annex {
				out = append(out, p.label)
			}
		}
		return out
	}
	// unique makes anchor unique in the document (DESIGN.md): a repeated
	// one takes the anchor of an enclosing division as prefix, innermost
	// first, then a counter. prefixed forces the prefix (sections of other
	// acts must never pass for the document's own articles).
	unique := func(anchor string, prefixed bool) string {
		own := anchor
		if prefixed {
			for i := len(path) - 1; i >= 0; i-- {
				if path[i].anchor != "" {
					anchor = path[i].anchor + "--" + own
					break
				}
			}
		}
		if used[anchor] {
			for i := len(path) - 1; i >= 0 && used[anchor]; i-- {
				if path[i].anchor != "" {
					anchor = path[i].anchor + "--" + own
				}
			}
			base := anchor
			for n := 2; used[anchor]; n++ {
				anchor = fmt.Sprintf("%s-%d", base, n)
			}
		}
		used[anchor] = true
		return anchor
	}
	inAppendix := func() bool {
		for _, p := range path {
			if p.appendix {
				return true
			}
		}
		return false
	}
	start := func(number, heading, src string, level int) {
		flush()
		connexe := inAppendix()
		anchor := unique(Anchor(number), connexe)
		if src == "" {
			src = source
		}
		cur = &Provision{ID: docID + "/" + anchor, Anchor: anchor, Number: number, Heading: heading,
			Path: labels(), Language: opt.lang, Source: src}
		if connexe {
			cur.Kind = ProvisionConnexe
		}
		curNode = outlineArticle(cur)
		addNode(curNode, path)
		curLevel = level
		awaitHeading = heading == "" && level > 0
	}
	// startAnnex starts the provision of an annex, a schedule or a form:
	// no number, its heading as written, its text up to the next heading
	// of its level or above. Articles inside it (the numbered items of a
	// schedule) follow under it in their path and anchor.
	startAnnex := func(kind, anchor, heading, src string, level int) {
		flush()
		for len(path) > 0 && path[len(path)-1].level >= level {
			path = path[:len(path)-1]
		}
		anchor = unique(anchor, false)
		if src == "" {
			src = source
		}
		heading = strings.Join(strings.Fields(heading), " ")
		cur = &Provision{ID: docID + "/" + anchor, Anchor: anchor, Heading: heading, Kind: kind,
			Path: labels(), Language: opt.lang, Source: src}
		curNode = outlineArticle(cur)
		addNode(curNode, path)
		curLevel = level
		awaitHeading = false
		path = append(path, pathEntry{level: level, label: heading, anchor: anchor, annex: true})
	}
	pushDivision := func(level int, label, title string, ranked bool) {
		flush()
		n := divisionNode(label, title)
		rank := 0
		if ranked {
			rank = divisionRank[n.Kind]
		}
		for len(path) > 0 {
			top := path[len(path)-1]
			if top.rank > 0 && rank > 0 && top.rank != rank {
				// the words decide where the heading levels of a
				// conversion contradict them: a titre never holds a
				// partie ("## Partie 2" after "# Titre 7"), a livre or a
				// partie holds the titres that follow ("# Titre 1"
				// after "## Partie 1")
				if top.rank > rank {
					path = path[:len(path)-1]
					continue
				}
				break
			}
			if top.level < level {
				break
			}
			path = path[:len(path)-1]
		}
		full := label
		if title != "" {
			full = label + " — " + title
		}
		n.Anchor = divisionAnchor(label)
		if n.Kind == NodeGroupe && n.Label == "" {
			n.Anchor = groupAnchor(full)
		}
		addNode(n, path)
		path = append(path, pathEntry{level: level, rank: rank, label: full, anchor: divisionAnchor(label), node: n,
			appendix: reAppendixDivision.MatchString(label)})
	}

	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		if b.closeDivisions {
			for len(path) > 0 && path[len(path)-1].level > b.level {
				path = path[:len(path)-1]
			}
			continue
		}
		text := strings.TrimSpace(b.text)
		if text == "" && b.number == "" {
			continue
		}
		if !opt.noArticles && b.number != "" {
			start(b.number, text, b.source, b.level)
			cur.Alineas = b.alineas
			awaitHeading = false
			continue
		}
		if !opt.noArticles {
			if num, rest, ok := articleHead(text); ok && (b.level > 0 || !opt.numericHeads) {
				heading, first := "", ""
				if b.level > 0 {
					heading = rest
				} else {
					heading, first = splitHeadingLine(num, rest)
				}
				start(num, heading, b.source, b.level)
				if first != "" {
					body = append(body, first)
				}
				continue
			}
			if opt.numericHeads && b.level > 0 {
				if m := reNumericHead.FindStringSubmatch(text); m != nil {
					start(m[1], m[2], b.source, b.level)
					awaitHeading = false
					continue
				}
			}
		}
		if b.level > 0 && !opt.noArticles {
			// An annex whose next block is a deeper heading has a structure
			// of its own: it stays a division (the schedule of a statute
			// holding sections of a convention).
			if kind, anchor, ok := annexHead(text); ok && !(i+1 < len(blocks) && blocks[i+1].level > b.level) {
				startAnnex(kind, anchor, text, b.source, b.level)
				continue
			}
		}
		if b.level > 0 {
			if cur != nil && awaitHeading && b.level > curLevel {
				if _, _, isDiv := divisionHead(text); !isDiv {
					cur.Heading = text
					awaitHeading = false
					continue
				}
			}
			awaitHeading = false
			if label, title, ok := divisionHead(text); ok {
				// "###I" followed by "####General Provisions": one entry.
				if title == "" && i+1 < len(blocks) && blocks[i+1].level > b.level {
					next := strings.TrimSpace(blocks[i+1].text)
					if _, _, a := articleHead(next); !a {
						if _, _, d := divisionHead(next); !d {
							title = next
							i++
						}
					}
				}
				pushDivision(b.level, label, title, b.converted)
				continue
			}
			if cur != nil && b.level > curLevel {
				body = append(body, text)
				continue
			}
			// Another heading: a group title ("Titre abrégé") or the title block.
			if cur == nil && len(provs) == 0 {
				pre = append(pre, text)
				continue
			}
			pushDivision(b.level, text, "", b.converted)
			continue
		}
		awaitHeading = false
		if b.level == 0 && !opt.noArticles {
			if kind, anchor, ok := annexHead(text); ok && isDivisionLine(text) && utf8.RuneCountInString(text) <= 100 && !endsSentence(text) && !strings.HasSuffix(text, ",") {
				startAnnex(kind, anchor, text, b.source, 7)
				continue
			}
			if label, title, ok := divisionHead(text); ok && isDivisionLine(text) && !reRoman.MatchString(text) {
				pushDivision(7, label, title, true)
				continue
			}
		}
		if cur != nil {
			body = append(body, text)
		} else {
			pre = append(pre, text)
		}
	}
	flush()
	uniqueDivisionAnchors(outline, map[string]bool{}, "")
	return strings.TrimSpace(strings.Join(pre, "\n\n")), provs, outline
}

// divisionRank orders the division kinds from the largest (1) down, as
// French, Swiss and West African codes nest them: livre or partie (their
// order varies: « Partie législative, Livre II » in France, « Livre 1,
// Partie 1 » in Switzerland), titre, chapitre, section, sous-section,
// paragraphe. Groups and annexes have no rank.
var divisionRank = map[string]int{
	NodeLivre: 1, NodePartie: 1, NodeTitre: 3, NodeChapitre: 5,
	NodeSection: 6, NodeSousSection: 7, NodeParagraphe: 8,
}

// groupAnchor gives the anchor of a heading without a division word:
// "grp-" and the start of its slug.
func groupAnchor(heading string) string {
	s := Slug(heading)
	if len(s) > 40 {
		s = strings.TrimRight(s[:40], "-")
	}
	return "grp-" + s
}

// isDivisionLine accepts a division heading found in running text only when
// it is short, so "Chapitre 3 de la loi…" in a sentence is not a division.
func isDivisionLine(text string) bool {
	if utf8.RuneCountInString(text) > 160 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(text)
	return unicode.IsUpper(first) && !strings.HasSuffix(strings.TrimSpace(text), ",")
}

// splitHeadingLine separates, on a line "Article 3 : Terminologie" or
// "Article 1er : La présente loi a pour objet…", a short title from the
// start of the text.
func splitHeadingLine(number, rest string) (heading, first string) {
	if rest == "" {
		return "", ""
	}
	// Fedlex: "Art. 3 Art. 3 Terminologie" repeats the number.
	if n, r, ok := articleHead(rest); ok && NormalizeNumber(n) == NormalizeNumber(number) {
		if utf8.RuneCountInString(r) <= 200 {
			return strings.TrimSpace(r), ""
		}
		rest = r
	}
	if utf8.RuneCountInString(rest) <= 90 && !strings.ContainsAny(strings.TrimRight(rest, "."), ".;") && !endsSentence(rest) {
		return strings.TrimSpace(rest), ""
	}
	return "", rest
}

// endsSentence reports whether s reads as a sentence of text rather than a
// heading: it ends with a full stop and is longer than a heading with a
// final dot ("Définitions.", "Dispositions générales."): more than 60
// characters or two words. The West African layout « Article 1er : La
// présente loi a pour objet… » puts the article's first alinéa on its
// heading line; a sentence taken for a heading would leave the article
// without text, a heading taken for a sentence only opens its text.
func endsSentence(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "...") && (utf8.RuneCountInString(s) > 60 || len(strings.Fields(s)) > 2)
}

// reflowAlineas puts run-together numbered paragraphs on their own lines.
func reflowAlineas(s string) string {
	if strings.Contains(s, ".(") || strings.Contains(s, ";(") || strings.Contains(s, ":(") {
		s = reRunAlinea.ReplaceAllString(s, "$1\n\n($2) ")
	}
	if strings.HasPrefix(s, "(1)") {
		s = strings.Replace(s, "(1)\u00a0\u00a0", "(1) ", 1)
	}
	return s
}

var (
	// An annex, schedule or form heading: "ANNEXE", "Annex II", "BIJLAGE",
	// "Anhang 1", "ANNEXE DE LA PARTIE XX.1", "ANNEXE [de la partie XXV]",
	// "Schedule to Part XXV", "Annexe au Protocole …", "FORMULE 5 Mandat
	// de perquisition", "Form 12".
	reAnnexWord = regexp.MustCompile(`^(?i:(annexes?|annex|schedule|bijlage|anhang|allegato)|(formule|formulaire|form))(?:\s+|$|[\[:.\-–—])`)
	// The number after the word: roman, arabic (with decimals), a letter.
	reAnnexNumber = regexp.MustCompile(`^([IVXLC]+|\d+(?:\.\d+)*|[A-Z])(?:\s+|$|[:.\-–—]\s*)`)
	// "de la partie XX.1", "[de la partie XXV]", "to Part 2".
	reAnnexOf = regexp.MustCompile(`^\[?\s*(?i:de\s+la|du|des|de|to|of|to\s+the|of\s+the|zu|zum|zur|van\s+de|van\s+het|bij|à\s+la|au)\s+(?i:(partie|part|titre|title|chapitre|chapter|section|article))\s+([IVXLC]+(?:\.\d+)*|\d+(?:\.\d+)*)\s*\]?`)
	// Divisions holding the sections of other acts reproduced after a
	// consolidated statute (Justice Canada's consolidations).
	reAppendixDivision = regexp.MustCompile(`^(?i:dispositions\s+connexes|modifications\s+non\s+en\s+vigueur|related\s+provisions|amendments\s+not\s+in\s+force)\s*$`)
)

// annexHead recognises the heading of an annex, a schedule or a form and
// returns its provision kind (ProvisionAnnexe, ProvisionFormule) and
// anchor. A form needs a number ("FORMULE 5"); an annex may have none.
func annexHead(text string) (kind, anchor string, ok bool) {
	t := strings.Join(strings.Fields(text), " ")
	m := reAnnexWord.FindStringSubmatchIndex(t)
	if m == nil {
		return "", "", false
	}
	kind = ProvisionAnnexe
	if m[4] >= 0 {
		kind = ProvisionFormule
	}
	rest := strings.TrimLeft(t[m[1]:], " ")
	if m[1] > 0 && strings.ContainsRune("[", rune(t[m[1]-1])) {
		rest = "[" + rest
	}
	number := ""
	if n := reAnnexNumber.FindStringSubmatch(rest); n != nil {
		number = n[1]
		rest = rest[len(n[0]):]
	} else if kind == ProvisionFormule {
		return "", "", false
	}
	divWord, divNumber := "", ""
	if d := reAnnexOf.FindStringSubmatch(rest); d != nil {
		divWord, divNumber = d[1], d[2]
	}
	// "Annexes" alone is a heading over several annexes, "Formulaire de…"
	// a title: only a word that opens the heading counts, and a long
	// heading must be an annex's own ("Annexe au Protocole …").
	return kind, annexAnchor(kind, number, divWord, divNumber), true
}
