package corpus

import (
	_ "embed"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Instrument is one entry of the catalog: a legal instrument of the field
// (treaty, code, law), whether or not the corpus holds its text. Empty
// fields are unknown; Unknown names them explicitly.
type Instrument struct {
	// WorkID is the work id shared by the corpus documents of this
	// instrument (its language versions and extracts).
	WorkID string `yaml:"work_id"`
	// Titles are the official titles by ISO 639-1 language.
	Titles map[string]string `yaml:"titles"`
	// Names are the short names and acronyms people use, in any language
	// ("Protocole de Palerme", "CNUCTO", "UNTOC").
	Names []string `yaml:"names"`
	// Kind, Jurisdiction, Date and Number use the codes of DESIGN.md.
	Kind         string `yaml:"kind"`
	Jurisdiction string `yaml:"jurisdiction"`
	Date         string `yaml:"date"`
	Number       string `yaml:"number"`
	// Authentic lists the languages in which the text is authentic.
	Authentic []string `yaml:"authentic"`
	// Parent is the work id of the instrument this one supplements: what
	// "la Convention" means inside a protocol.
	Parent string `yaml:"parent"`
	// Generic is the generic name of a national code ("code pénal"),
	// resolved by the jurisdiction of the citing text.
	Generic string `yaml:"generic"`
	// AliasesOf are other "kind number" forms under which the work is
	// cited ("loi 2018-16" for the Benin penal code).
	AliasesOf []string `yaml:"aliases_of"`
	// Unknown names the fields no source gives.
	Unknown []string `yaml:"unknown"`
	// Source says where the facts come from.
	Source string `yaml:"source"`
}

// Title returns the official title in lang, else in French, else in any
// language; "" when no title is known.
func (in *Instrument) Title(lang string) string {
	if t := in.Titles[lang]; t != "" {
		return t
	}
	if t := in.Titles["fr"]; t != "" {
		return t
	}
	keys := make([]string, 0, len(in.Titles))
	for k := range in.Titles {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if in.Titles[k] != "" {
			return in.Titles[k]
		}
	}
	return ""
}

// Label names the instrument for a reader: its short name or title, or, for
// a law known only by its number, "Loi n° 2012-023 du 12 juillet 2012
// (ml)".
func (in *Instrument) Label(lang string) string {
	if len(in.Names) > 0 && (lang == "fr" || lang == "") && in.Kind != KindCode {
		// the first French-looking name is the one people use
		for _, n := range in.Names {
			if !IsAcronym(n) {
				return n
			}
		}
	}
	if t := in.Title(lang); t != "" {
		if in.Generic != "" && !strings.Contains(strings.ToLower(t), strings.ToLower(in.Jurisdiction)) {
			return t + " (" + jurisdictionName(in.Jurisdiction) + ")"
		}
		return t
	}
	if in.Generic != "" {
		return upperFirst(in.Generic) + " (" + jurisdictionName(in.Jurisdiction) + ")"
	}
	if in.Number != "" {
		l := upperFirst(in.Kind) + " n° " + in.Number
		if len(in.Date) == 10 {
			l += " du " + frenchDate(in.Date)
		}
		return l + " (" + jurisdictionName(in.Jurisdiction) + ")"
	}
	if len(in.Names) > 0 {
		return in.Names[0]
	}
	return in.WorkID
}

// IsAcronym reports whether word is written in capitals: two letters at
// least and no lower case ("CNUCTO", "ECOWAS", "UNTOC").
func IsAcronym(word string) bool {
	letters := 0
	for _, r := range word {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// jurisdictionName is the French name of a jurisdiction code, for labels.
func jurisdictionName(code string) string {
	if n, ok := map[string]string{
		"fr": "France", "bj": "Bénin", "ml": "Mali", "ne": "Niger", "sn": "Sénégal",
		"bf": "Burkina Faso", "ci": "Côte d'Ivoire", "tg": "Togo", "gn": "Guinée",
		"ch": "Suisse", "ca": "Canada", "un": "ONU", "coe": "Conseil de l'Europe",
		"au": "Union africaine", "ecowas": "CEDEAO", "ilo": "OIT", "int": "international",
	}[code]; ok {
		return n
	}
	return code
}

// Catalog is the set of instruments with the lookups citation resolution
// needs. It is immutable after ParseCatalog and safe for concurrent use.
type Catalog struct {
	// Instruments in file order.
	Instruments []*Instrument

	byWork   map[string]*Instrument
	byName   map[string]*Instrument            // Slug(name) → instrument
	byNumber map[string]*Instrument            // "loi 2012-023" → instrument
	generic  map[string]map[string]*Instrument // Slug(generic) → jurisdiction → instrument
	byFirst  map[string][][]string             // first folded word of a name → the names' folded words, longest first
}

//go:embed catalog.yaml
var catalogYAML []byte

var (
	defaultCatalogOnce sync.Once
	defaultCatalog     *Catalog
)

// DefaultCatalog returns the catalog shipped with lextraite
// (corpus/catalog.yaml).
func DefaultCatalog() *Catalog {
	defaultCatalogOnce.Do(func() {
		c, err := ParseCatalog(catalogYAML)
		if err != nil {
			panic(err) // the embedded catalog is checked by the tests
		}
		defaultCatalog = c
	})
	return defaultCatalog
}

// ParseCatalog reads a catalog in the YAML form of corpus/catalog.yaml.
func ParseCatalog(data []byte) (*Catalog, error) {
	var list []*Instrument
	if err := yaml.Unmarshal(data, &list); err != nil {
		return nil, fmt.Errorf("catalogue : YAML invalide : %w", err)
	}
	c := &Catalog{
		Instruments: list,
		byWork:      map[string]*Instrument{},
		byName:      map[string]*Instrument{},
		byNumber:    map[string]*Instrument{},
		generic:     map[string]map[string]*Instrument{},
	}
	var names []string
	for _, in := range list {
		if in.WorkID == "" || Slug(in.WorkID) != in.WorkID {
			return nil, fmt.Errorf("catalogue : work_id %q invalide", in.WorkID)
		}
		if c.byWork[in.WorkID] != nil {
			return nil, fmt.Errorf("catalogue : work_id %q en double", in.WorkID)
		}
		if in.Kind != "" && !validKind(in.Kind) {
			return nil, fmt.Errorf("catalogue : %s : kind %q inconnu", in.WorkID, in.Kind)
		}
		c.byWork[in.WorkID] = in
		all := append([]string{}, in.Names...)
		for _, t := range in.Titles {
			all = append(all, t)
		}
		for _, n := range all {
			k := Slug(n)
			if k == "" || k == Slug(in.Generic) {
				// "Code pénal" is resolved by jurisdiction, not by name
				continue
			}
			if c.byName[k] == nil {
				c.byName[k] = in
				names = append(names, n)
			}
		}
		if in.Number != "" && in.Kind != "" {
			c.byNumber[numberKey(in.Kind, in.Number)] = in
		}
		for _, a := range in.AliasesOf {
			if kind, num, ok := strings.Cut(a, " "); ok {
				c.byNumber[numberKey(kind, num)] = in
			}
		}
		if in.Generic != "" {
			g := Slug(in.Generic)
			if c.generic[g] == nil {
				c.generic[g] = map[string]*Instrument{}
			}
			c.generic[g][in.Jurisdiction] = in
		}
	}
	c.byFirst = map[string][][]string{}
	for _, n := range names {
		ws := strings.Split(Slug(n), "-")
		c.byFirst[ws[0]] = append(c.byFirst[ws[0]], ws)
	}
	for _, l := range c.byFirst {
		sort.SliceStable(l, func(i, j int) bool { return len(l[i]) > len(l[j]) })
	}
	return c, nil
}

// namePattern is the regexp for a name as it may be written: any case,
// any apostrophe, any run of spaces.
func namePattern(n string) string {
	var b strings.Builder
	space := false
	for _, r := range n {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case r == '\'' || r == '’':
			b.WriteString(`\s*['’ʼ]\s*`)
			space = false
			continue
		}
		if space {
			b.WriteString(`\s+`)
			space = false
		}
		b.WriteString(regexp.QuoteMeta(string(r)))
	}
	return b.String()
}

// numberKey is the lookup key of a numbered act: "loi 2012-023".
func numberKey(kind, number string) string {
	kind = Slug(kind)
	return kind + " " + Slug(number)
}

// Work returns the instrument with the given work id, or nil.
func (c *Catalog) Work(workID string) *Instrument { return c.byWork[workID] }

// Named returns the instrument a name or title designates, or nil. The
// highlight tags of search-result extracts ("droits de <em>l'homme</em>")
// are not part of the name.
func (c *Catalog) Named(name string) *Instrument { return c.byName[Slug(stripTags(name))] }

// Numbered returns the act of that kind ("loi", "ordonnance", "décret")
// and number ("2012-023", "029-2008/AN"), or nil.
func (c *Catalog) Numbered(kind, number string) *Instrument {
	return c.byNumber[numberKey(kind, number)]
}

// Code returns the code of a jurisdiction by its generic name ("code
// pénal", "fr"), or nil.
func (c *Catalog) Code(generic, jurisdiction string) *Instrument {
	return c.generic[Slug(generic)][jurisdiction]
}

// findNames returns the spans of catalog names in text, on word
// boundaries, longest first at each position, without overlaps. It scans
// words rather than running one large case-insensitive regexp, which was
// the bulk of Resolve's time.
func (c *Catalog) findNames(text string) [][2]int {
	if c == nil || len(c.byFirst) == 0 {
		return nil
	}
	ws := words(text, 0)
	var out [][2]int
	for i := 0; i < len(ws); i++ {
		if n := c.nameWords(text, ws, i); n > 0 {
			out = append(out, [2]int{ws[i].start, closeTags(text, ws[i].start, ws[i+n-1].end)})
			i += n - 1
		}
	}
	return out
}

// nameWords returns how many words of ws from i form a catalog name, 0 if
// none.
func (c *Catalog) nameWords(text string, ws []word, i int) int {
	cands := c.byFirst[ws[i].fold(text)]
	for _, name := range cands {
		if i+len(name) > len(ws) {
			continue
		}
		ok := true
		for k := 1; k < len(name) && ok; k++ {
			ok = ws[i+k].fold(text) == name[k] && nameGap(text[ws[i+k-1].end:ws[i+k].start])
		}
		if ok {
			return len(name)
		}
	}
	return 0
}

// nameGap: what may separate two words of a name (spaces, an apostrophe,
// a hyphen, a comma).
func nameGap(g string) bool {
	if strings.IndexByte(g, '<') >= 0 {
		g = stripTags(g)
	}
	if len(g) > 6 {
		return false
	}
	for _, r := range g {
		if !unicode.IsSpace(r) && r != '\'' && r != '’' && r != 'ʼ' && r != '-' && r != ',' {
			return false
		}
	}
	return true
}

// word is a run of letters and digits in a text.
type word struct{ start, end int }

// fold is the word lowercased without accents, as Slug writes it.
func (w word) fold(text string) string {
	s := text[w.start:w.end]
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	return Slug(s)
}

// words splits text into words from byte offset from, stopping after max
// bytes when max > 0.
func words(text string, max int) []word {
	var out []word
	start := -1
	skip := 0 // end of a highlight tag being skipped
	for i, r := range text {
		if i < skip {
			continue
		}
		if max > 0 && i > max && start < 0 {
			break
		}
		if r == '<' {
			if n := tagLen(text[i:]); n > 0 {
				// "<em>", "</em>": a gap between words, not a word
				if start >= 0 {
					out = append(out, word{start, i})
					start = -1
				}
				skip = i + n
				continue
			}
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, word{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, word{start, len(text)})
	}
	return out
}

// wordBoundary reports whether text[start:end] is not glued to a letter or
// digit on either side.
func wordBoundary(text string, start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:start])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	if end < len(text) {
		r, _ := utf8.DecodeRuneInString(text[end:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// Identify returns the catalog instrument a document is a version or an
// extract of: by work id, then by kind, jurisdiction and number, then by
// title. nil when none.
func (c *Catalog) Identify(d *Document) *Instrument {
	if in := c.byWork[d.WorkID]; in != nil {
		return in
	}
	if d.Number != "" && d.Kind != "" {
		if in := c.Numbered(d.Kind, d.Number); in != nil && (in.Jurisdiction == d.Jurisdiction || d.Jurisdiction == "") {
			return in
		}
	}
	if in := c.Named(d.Title); in != nil && in.Kind == d.Kind {
		return in
	}
	return nil
}

// Link gives the documents that the catalog identifies but that carry no
// work id of their own (work id = id, the loader's default) the catalog's
// work id, so that the language versions and extracts of one instrument
// share it. It returns the number of documents changed.
func (c *Catalog) Link(docs []*Document) int {
	n := 0
	for _, d := range docs {
		if d.WorkID != "" && d.WorkID != d.ID {
			continue
		}
		if in := c.Identify(d); in != nil && in.WorkID != d.WorkID {
			d.WorkID = in.WorkID
			n++
		}
	}
	return n
}

// tagLen returns the length of the inline tag at the start of s ("<em>",
// "</em>", "<mark>", "<b>"), 0 if there is none. The highlight tags of
// judilibre search-result extracts fall inside the names they highlight.
func tagLen(s string) int {
	if len(s) < 3 || s[0] != '<' {
		return 0
	}
	j := 1
	if s[j] == '/' {
		j++
	}
	k := j
	for k < len(s) && k-j <= 6 && (s[k] >= 'a' && s[k] <= 'z' || s[k] >= 'A' && s[k] <= 'Z') {
		k++
	}
	if k == j || k >= len(s) || s[k] != '>' {
		return 0
	}
	switch strings.ToLower(s[j:k]) {
	case "em", "mark", "b", "i", "strong":
		return k + 1
	}
	return 0
}

// stripTags removes the inline tags tagLen knows from s.
func stripTags(s string) string {
	if strings.IndexByte(s, '<') < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '<' {
			if n := tagLen(s[i:]); n > 0 {
				i += n - 1
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// closeTags extends the end of the span text[start:end] over the closing
// tags of the tags it opens: "droits de <em>l'homme" + "</em>".
func closeTags(text string, start, end int) int {
	open := 0
	for i := start; i < end; i++ {
		if text[i] == '<' {
			if n := tagLen(text[i:]); n > 0 {
				if text[i+1] == '/' {
					open--
				} else {
					open++
				}
				i += n - 1
			}
		}
	}
	for open > 0 && end < len(text) && strings.HasPrefix(text[end:], "</") {
		n := tagLen(text[end:])
		if n == 0 {
			break
		}
		end += n
		open--
	}
	return end
}
