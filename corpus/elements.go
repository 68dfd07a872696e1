package corpus

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// This file holds the element lexicon of the international definitions of
// trafficking in persons and of the smuggling of migrants, the tagger that
// marks them in a text, and the definition finder.

// Families of elements: which international definition an element belongs to.
const (
	// FamilyTraite: Trafficking in Persons Protocol, art. 3.
	FamilyTraite = "traite"
	// FamilyTrafic: Smuggling of Migrants Protocol, art. 3 and 6.
	FamilyTrafic = "trafic"
)

// Element is one element of a definition (an act, a means, a purpose…), with
// its patterns in each language. The lexicon data is elements.yaml.
type Element struct {
	// ID is stable ("act-recruitment"); the API and tests use it.
	ID string `yaml:"id" json:"id"`
	// Family is FamilyTraite or FamilyTrafic.
	Family string `yaml:"family" json:"family"`
	// Group is act, means, purpose, consent, child or smuggling.
	Group string `yaml:"group" json:"group"`
	// Ref is where the Protocol states the element ("art. 3 a)"); "" for
	// an element beyond the Protocol.
	Ref string `yaml:"ref" json:"ref"`
	// Extra marks an element a law may add beyond the Protocol.
	Extra bool `yaml:"extra" json:"extra"`
	// Label and LabelEn name the element in French and English.
	Label   string `yaml:"label" json:"label"`
	LabelEn string `yaml:"label_en" json:"label_en"`

	// Patterns per language as written in the YAML (see elements.yaml for
	// how they are read), and the phrases that exclude a match.
	FR    []string `yaml:"fr" json:"-"`
	EN    []string `yaml:"en" json:"-"`
	NotFR []string `yaml:"not_fr" json:"-"`
	NotEN []string `yaml:"not_en" json:"-"`

	pats, nots map[string][]*pattern // by language
}

// pattern is a compiled lexicon pattern and the literal every match of it
// contains (lower case; "" when none is known), checked first: most texts
// hold none of an element's words, and a substring test is far cheaper
// than the regexp.
type pattern struct {
	re  *regexp.Regexp
	key string
}

// ElementMatch is one occurrence of an element in a text: Text is exactly
// text[Start:End] (byte offsets).
type ElementMatch struct {
	Element string `json:"element"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Text    string `json:"text"`
}

// Lexicon is a parsed, compiled element lexicon.
type Lexicon struct {
	// Elements in the order of the data file (the matrix's row order).
	Elements []*Element
	byID     map[string]*Element
}

// Element returns the element with that id.
func (lx *Lexicon) Element(id string) (*Element, bool) {
	e, ok := lx.byID[id]
	return e, ok
}

//go:embed elements.yaml
var elementsYAML []byte

var (
	defaultLexiconOnce sync.Once
	defaultLexicon     *Lexicon
)

// DefaultLexicon returns the embedded lexicon (elements.yaml), parsed once.
func DefaultLexicon() *Lexicon {
	defaultLexiconOnce.Do(func() {
		lx, err := ParseLexicon(elementsYAML)
		if err != nil {
			panic(err) // the embedded lexicon is checked by the tests
		}
		defaultLexicon = lx
	})
	return defaultLexicon
}

// ParseLexicon reads and compiles a lexicon in the format of elements.yaml.
func ParseLexicon(data []byte) (*Lexicon, error) {
	var raw struct {
		Elements []*Element `yaml:"elements"`
	}
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("corpus: lexique des éléments : %w", err)
	}
	lx := &Lexicon{Elements: raw.Elements, byID: map[string]*Element{}}
	for i, e := range raw.Elements {
		if e == nil || e.ID == "" {
			return nil, fmt.Errorf("corpus: lexique des éléments : élément n° %d sans id", i+1)
		}
		if _, dup := lx.byID[e.ID]; dup {
			return nil, fmt.Errorf("corpus: lexique des éléments : id %q en double", e.ID)
		}
		if e.Family != FamilyTraite && e.Family != FamilyTrafic {
			return nil, fmt.Errorf("corpus: lexique des éléments : %s : famille %q inconnue", e.ID, e.Family)
		}
		if e.Label == "" || len(e.FR) == 0 || len(e.EN) == 0 {
			return nil, fmt.Errorf("corpus: lexique des éléments : %s : libellé ou motifs fr/en manquants", e.ID)
		}
		e.pats, e.nots = map[string][]*pattern{}, map[string][]*pattern{}
		for _, set := range []struct {
			lang string
			src  []string
			dst  map[string][]*pattern
		}{{"fr", e.FR, e.pats}, {"en", e.EN, e.pats}, {"fr", e.NotFR, e.nots}, {"en", e.NotEN, e.nots}} {
			for _, p := range set.src {
				re, err := compilePattern(p)
				if err != nil {
					return nil, fmt.Errorf("corpus: lexique des éléments : %s : motif %q : %w", e.ID, p, err)
				}
				set.dst[set.lang] = append(set.dst[set.lang], &pattern{re: re, key: literalHead(p)})
			}
		}
		lx.byID[e.ID] = e
	}
	return lx, nil
}

// folds are the letters a pattern letter also matches: an accented letter
// matches its plain form (all-caps and transcribed texts drop accents).
var folds = map[rune]string{
	'à': "[àa]", 'â': "[âa]", 'ä': "[äa]",
	'é': "[ée]", 'è': "[èe]", 'ê': "[êe]", 'ë': "[ëe]",
	'î': "[îi]", 'ï': "[ïi]", 'ô': "[ôo]", 'ö': "[öo]",
	'ù': "[ùu]", 'û': "[ûu]", 'ü': "[üu]", 'ç': "[çc]",
	'É': "[ée]", 'À': "[àa]",
	'œ': "(?:œ|oe)", 'Œ': "(?:œ|oe)",
	'\'': "['’ʼ]", '’': "['’ʼ]",
	' ': `[\s\x{00A0}\x{202F}]+`,
}

// compilePattern rewrites a lexicon pattern (accents, apostrophes, spaces;
// see elements.yaml) into a Go regexp matched against the text folded by
// lowerSameWidth: letters are lower-cased here (matching ignores case) and
// no (?i) flag is needed, so the regexp keeps its fast literal-prefix
// search. Escaped characters are left as written.
func compilePattern(p string) (*regexp.Regexp, error) {
	var b strings.Builder
	inClass, escaped := false, false
	for _, r := range p {
		switch {
		case escaped:
			escaped = false
			b.WriteRune(r)
		case r == '\\':
			escaped = true
			b.WriteRune(r)
		case inClass:
			if r == ']' {
				inClass = false
			}
			b.WriteRune(unicode.ToLower(r))
		case r == '[':
			inClass = true
			b.WriteRune(r)
		default:
			r = unicode.ToLower(r)
			if f, ok := folds[r]; ok {
				b.WriteString(f)
			} else {
				b.WriteRune(r)
			}
		}
	}
	return regexp.Compile(b.String())
}

// lowerSameWidth lower-cases text rune by rune, keeping a rune as it is
// when its lower case has another UTF-8 length, so that byte offsets in the
// result are offsets in text.
func lowerSameWidth(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	for _, r := range text {
		l := unicode.ToLower(r)
		if l != r && utf8.RuneLen(l) == utf8.RuneLen(r) {
			r = l
		}
		b.WriteRune(r)
	}
	if b.Len() != len(text) { // invalid UTF-8 became U+FFFD: keep the text
		return text
	}
	return b.String()
}

// literalHead returns the plain ASCII letters a pattern starts with, which
// every match contains (in lower case), or "" when they are fewer than three.
// A letter made optional by the next character is left out.
func literalHead(p string) string {
	n := 0
	for n < len(p) && ('a' <= p[n] && p[n] <= 'z' || 'A' <= p[n] && p[n] <= 'Z') {
		n++
	}
	if n < len(p) && strings.ContainsRune("?*{", rune(p[n])) && n > 0 {
		n--
	}
	if n < 3 {
		return ""
	}
	return strings.ToLower(p[:n])
}

// TagElements returns the elements of the default lexicon stated in text
// (language "fr" or "en"; other languages give none), ordered by position.
// Each match's Text is exactly text[Start:End].
func TagElements(text, lang string) []ElementMatch {
	return DefaultLexicon().Tag(text, lang)
}

// Tag returns the elements of lx stated in text, ordered by Start, then by
// the lexicon's order. A match must begin and end on a word boundary and
// must not lie inside one of the element's excluding phrases; overlapping
// matches of one element keep the earliest (then longest).
func (lx *Lexicon) Tag(text, lang string) []ElementMatch {
	lang = strings.ToLower(lang)
	if lang != "fr" && lang != "en" {
		return nil
	}
	lower := lowerSameWidth(text)
	var out []ElementMatch
	for _, e := range lx.Elements {
		out = append(out, e.find(text, lower, lang)...)
	}
	order := make(map[string]int, len(lx.Elements))
	for i, e := range lx.Elements {
		order[e.ID] = i
	}
	slices.SortStableFunc(out, func(a, b ElementMatch) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return order[a.Element] - order[b.Element]
	})
	return out
}

// find returns e's matches in text; lower is lowerSameWidth(text), where
// the patterns are matched.
func (e *Element) find(text, lower, lang string) []ElementMatch {
	var spans [][2]int
	for _, p := range e.pats[lang] {
		if p.key != "" && !strings.Contains(lower, p.key) {
			continue
		}
		for _, m := range p.re.FindAllStringIndex(lower, -1) {
			if m[0] < m[1] && elemBoundary(text, m[0], m[1]) {
				spans = append(spans, [2]int{m[0], m[1]})
			}
		}
	}
	if len(spans) == 0 {
		return nil
	}
	var excl [][]int
	for _, p := range e.nots[lang] {
		if p.key == "" || strings.Contains(lower, p.key) {
			excl = append(excl, p.re.FindAllStringIndex(lower, -1)...)
		}
	}
	slices.SortFunc(spans, func(a, b [2]int) int {
		if a[0] != b[0] {
			return a[0] - b[0]
		}
		return b[1] - a[1] // longest first
	})
	var out []ElementMatch
	last := -1
	for _, s := range spans {
		if s[0] < last || excluded(s, excl) {
			continue
		}
		out = append(out, ElementMatch{Element: e.ID, Start: s[0], End: s[1], Text: text[s[0]:s[1]]})
		last = s[1]
	}
	return out
}

// excluded reports whether span s lies inside one of the spans of excl.
func excluded(s [2]int, excl [][]int) bool {
	for _, x := range excl {
		if x[0] <= s[0] && s[1] <= x[1] {
			return true
		}
	}
	return false
}

// elemBoundary reports whether text[start:end] neither begins nor ends in
// the middle of a word (letters and digits, any script).
func elemBoundary(text string, start, end int) bool {
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	if start > 0 {
		if r, _ := utf8.DecodeLastRuneInString(text[:start]); isWord(r) {
			if r0, _ := utf8.DecodeRuneInString(text[start:]); isWord(r0) {
				return false
			}
		}
	}
	if end < len(text) {
		if r, _ := utf8.DecodeRuneInString(text[end:]); isWord(r) {
			if r0, _ := utf8.DecodeLastRuneInString(text[:end]); isWord(r0) {
				return false
			}
		}
	}
	return true
}

// ───────────────────────────── definitions ─────────────────────────────

// Definition is a provision that defines trafficking in persons or the
// smuggling of migrants, with the elements it states.
type Definition struct {
	// ProvisionID is "{doc_id}/{anchor}".
	ProvisionID string `json:"provision_id"`
	DocID       string `json:"doc_id"`
	Anchor      string `json:"anchor"`
	// Number is the provision's number as written ("3", "279.01").
	Number string `json:"number"`
	// Kind is FamilyTraite or FamilyTrafic.
	Kind string `json:"kind"`
	// Confirmed is true when corpus/definitions.yaml lists the provision
	// (false: found by the lexicon heuristic alone).
	Confirmed bool `json:"confirmed"`
	// Note is the editorial note of definitions.yaml, if any.
	Note string `json:"note,omitempty"`
	// Matches are the elements of Kind's family stated in the provision's
	// text, by position.
	Matches []ElementMatch `json:"matches"`
}

// DefinitionSidecar confirms or overrides the definition finder per
// document: the format of corpus/definitions.yaml.
type DefinitionSidecar struct {
	// Definitions maps a document id to entries naming its provisions.
	Definitions map[string][]DefinitionEntry `yaml:"definitions"`
}

// DefinitionEntry names one provision of a document.
type DefinitionEntry struct {
	// Anchor of the provision ("art-3").
	Anchor string `yaml:"anchor"`
	// Kind is traite or trafic; "" keeps the heuristic's kind (and then the
	// provision must be found by it).
	Kind string `yaml:"kind"`
	// Exclude drops a provision the heuristic found.
	Exclude bool `yaml:"exclude"`
	// Note is shown with the definition (what a reader must know).
	Note string `yaml:"note"`
}

//go:embed definitions.yaml
var definitionsYAML []byte

var (
	defaultSidecarOnce sync.Once
	defaultSidecar     *DefinitionSidecar
)

// DefaultDefinitionSidecar returns the embedded corpus/definitions.yaml.
func DefaultDefinitionSidecar() *DefinitionSidecar {
	defaultSidecarOnce.Do(func() {
		s, err := ParseDefinitionSidecar(definitionsYAML)
		if err != nil {
			panic(err) // checked by the tests
		}
		defaultSidecar = s
	})
	return defaultSidecar
}

// ParseDefinitionSidecar reads a file in the format of definitions.yaml.
func ParseDefinitionSidecar(data []byte) (*DefinitionSidecar, error) {
	s := &DefinitionSidecar{}
	if err := yaml.Unmarshal(data, s); err != nil {
		return nil, fmt.Errorf("corpus: définitions : %w", err)
	}
	for doc, entries := range s.Definitions {
		for _, e := range entries {
			if e.Anchor == "" {
				return nil, fmt.Errorf("corpus: définitions : %s : entrée sans ancre", doc)
			}
			if e.Kind != "" && e.Kind != FamilyTraite && e.Kind != FamilyTrafic {
				return nil, fmt.Errorf("corpus: définitions : %s/%s : type %q inconnu (traite ou trafic)", doc, e.Anchor, e.Kind)
			}
		}
	}
	return s, nil
}

// Patterns of the definition heuristic: the defined term followed by a
// defining verb («traite des personnes» désigne, "Trafficking in persons"
// shall mean, la traite des êtres humains est le fait de), or "constitue"
// shortly before it (Constitue un acte de traite des personnes).
var (
	defTraite = definingPattern(`traite (?:des personnes|de personnes|des êtres humains|d['’]êtres humains|d['’]enfants|des enfants)|trafficking in (?:persons|human beings)`)
	defTrafic = definingPattern(`trafic illicite de migrants|smuggling of migrants`)
)

// definingPattern returns the regexp of term in a defining sentence.
func definingPattern(term string) *regexp.Regexp {
	return regexp.MustCompile(`(?i)(?:(?:` + term + `)["»”'’\x60\s]{0,8}(?:désigne|est le fait de|s['’]entend|shall mean|means)\b|\bconstitue\b[^.;]{0,30}?(?:` + term + `))`)
}

// defKeys are words one of which every definition holds (lower case): a
// provision without any is not tagged.
var defKeys = []string{"traite", "trafic", "traffick", "smuggl", "recrut", "recruit", "entrée", "entree", "entry", "exploit"}

// mayDefine reports whether text holds one of defKeys.
func mayDefine(text string) bool {
	lower := strings.ToLower(text)
	for _, k := range defKeys {
		if strings.Contains(lower, k) {
			return true
		}
	}
	return false
}

// FindDefinitions returns the provisions of d that define trafficking or
// smuggling, in reading order, with the default lexicon and sidecar.
func FindDefinitions(d *Document) []Definition {
	return DefaultLexicon().FindDefinitions(d, DefaultDefinitionSidecar())
}

// FindDefinitions returns the provisions of d that define trafficking in
// persons or the smuggling of migrants, in reading order. A provision is a
// trafficking definition when it states at least two of the Protocol's acts
// and the purpose of exploitation ("aux fins d'exploitation"), or when it
// defines "traite des personnes" (or a variant) with a defining verb
// ("… désigne", "… est le fait de", "… shall mean", "Constitue … traite");
// a smuggling definition when it so defines "trafic illicite de migrants",
// or states illegal entry with a benefit or a foreign person. The sidecar (may be nil) adds provisions, sets their kind, or
// excludes them. Only French and English texts are read.
func (lx *Lexicon) FindDefinitions(d *Document, sc *DefinitionSidecar) []Definition {
	if d == nil {
		return nil
	}
	var entries map[string]DefinitionEntry
	if sc != nil {
		for _, e := range sc.Definitions[d.ID] {
			if entries == nil {
				entries = map[string]DefinitionEntry{}
			}
			entries[e.Anchor] = e
		}
	}
	var out []Definition
	for i := range d.Provisions {
		p := &d.Provisions[i]
		lang := p.Language
		if lang == "" {
			lang = d.Language
		}
		entry, listed := entries[p.Anchor]
		if listed && entry.Exclude {
			continue
		}
		if !listed && !mayDefine(p.Text) {
			continue
		}
		matches := lx.Tag(p.Text, lang)
		kind := entry.Kind
		if kind == "" {
			kind = lx.classify(p.Text, matches)
		}
		if kind == "" {
			continue
		}
		id := p.ID
		if id == "" {
			id = d.ID + "/" + p.Anchor
		}
		def := Definition{ProvisionID: id, DocID: d.ID, Anchor: p.Anchor, Number: p.Number,
			Kind: kind, Confirmed: listed, Note: entry.Note, Matches: []ElementMatch{}}
		for _, m := range matches {
			if e, ok := lx.byID[m.Element]; ok && e.Family == kind {
				def.Matches = append(def.Matches, m)
			}
		}
		out = append(out, def)
	}
	return out
}

// classify returns the kind of definition text is, or "".
func (lx *Lexicon) classify(text string, matches []ElementMatch) string {
	acts, groups := map[string]bool{}, map[string]bool{}
	for _, m := range matches {
		e := lx.byID[m.Element]
		if e.Group == "act" && !e.Extra {
			acts[e.ID] = true
		}
		groups[e.Group] = true
		groups[e.ID] = true
	}
	switch {
	case len(acts) >= 2 && groups["purpose-exploitation"]:
		return FamilyTraite
	case defTrafic.MatchString(text):
		return FamilyTrafic
	case defTraite.MatchString(text):
		return FamilyTraite
	case groups["smug-entry"] && (groups["smug-benefit"] || groups["smug-non-national"]):
		return FamilyTrafic
	}
	return ""
}

// ElementIDs returns the distinct element ids of ms, in first-seen order.
func ElementIDs(ms []ElementMatch) []string {
	var ids []string
	for _, m := range ms {
		if !slices.Contains(ids, m.Element) {
			ids = append(ids, m.Element)
		}
	}
	return ids
}
