package corpus

import (
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

// Resolve extracts the citations of every document (Provision.Citations
// for provisions, Document.Citations for the preamble) and points each at
// what it cites: a provision or document of the same document, another
// document of the corpus (through the catalog and the work ids, preferring
// the citing document's language), or nothing, with a Label naming the
// target. It first links documents the catalog identifies to their work
// (Catalog.Link). cat may be nil (DefaultCatalog). It is safe to call again:
// citations are recomputed.
func Resolve(docs []*Document, cat *Catalog) {
	if cat == nil {
		cat = DefaultCatalog()
	}
	cat.Link(docs)
	rv := newResolver(docs, cat)
	// one task per text, so that a code of 2 000 articles spreads over
	// every CPU as well as many small documents do
	type task struct {
		d *Document
		i int // provision index, -1 for the preamble
	}
	var tasks []task
	for _, d := range docs {
		d.Citations = nil
		tasks = append(tasks, task{d, -1})
		for i := range d.Provisions {
			tasks = append(tasks, task{d, i})
		}
	}
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	chunk := (len(tasks) + workers - 1) / workers
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min((w+1)*chunk, len(tasks))
		if lo >= hi {
			break
		}
		wg.Add(1)
		go func(ts []task) {
			defer wg.Done()
			for _, t := range ts {
				d := t.d
				if t.i < 0 {
					if d.Preamble != "" {
						d.Citations = rv.text(d, nil, d.Preamble, d.Language)
					}
					continue
				}
				p := &d.Provisions[t.i]
				p.Citations = rv.text(d, p, p.Text, firstNonEmptyStr(p.Language, d.Language))
			}
		}(tasks[lo:hi])
	}
	wg.Wait()
}

// resolver holds the lookups built once per Resolve; read-only afterwards.
type resolver struct {
	cat    *Catalog
	byWork map[string][]*Document
	arts   map[*Document]map[string]string // normalised article number → provision id
	byNum  map[string]*Document            // decision number, ECLI, act "kind number" → document
	// connexe: the sections of the amending acts reproduced at the end of
	// a code (ProvisionConnexe), by "act|article key" ("2023-ch-26|614"):
	// found only from a section of the same act
	connexe map[*Document]map[string]string
	// dashed: the documents with an article numbered with a dash
	// ("225-4-1"); in the others "6-1" is article 6, paragraph 1
	dashed map[*Document]bool
}

func newResolver(docs []*Document, cat *Catalog) *resolver {
	rv := &resolver{cat: cat, byWork: map[string][]*Document{}, arts: map[*Document]map[string]string{}, byNum: map[string]*Document{}, connexe: map[*Document]map[string]string{}, dashed: map[*Document]bool{}}
	for _, d := range docs {
		w := d.WorkID
		if w == "" {
			w = d.ID
		}
		rv.byWork[w] = append(rv.byWork[w], d)
		m := make(map[string]string, len(d.Provisions))
		for i := range d.Provisions {
			p := &d.Provisions[i]
			if p.Number == "" {
				continue
			}
			if p.Kind == ProvisionConnexe {
				// a section of an amending act reproduced at the end of
				// a code keeps that act's number: "art. N" of the code
				// never designates it, only a section of the same act
				if act := connexeAct(p.Anchor); act != "" {
					if rv.connexe[d] == nil {
						rv.connexe[d] = map[string]string{}
					}
					if k := act + "|" + articleKey(p.Number); rv.connexe[d][k] == "" {
						rv.connexe[d][k] = p.ID
					}
				}
				continue
			}
			k := articleKey(p.Number)
			if reDigitDash.MatchString(k) {
				rv.dashed[d] = true
			}
			if _, dup := m[k]; !dup {
				m[k] = p.ID
			}
		}
		rv.arts[d] = m
		// a full decision wins over its summary in a result list
		set := func(k string) {
			if old := rv.byNum[k]; old == nil || len(old.Provisions) == 0 && len(d.Provisions) > 0 {
				rv.byNum[k] = d
			}
		}
		if d.Number != "" {
			if d.Kind == KindDecision {
				set("decision " + decisionKey(d.Number))
			} else {
				set(numberKey(d.Kind, d.Number))
			}
		}
		for _, s := range d.ShortTitles {
			if strings.HasPrefix(s, "ECLI:") {
				set("decision " + decisionKey(s))
			}
		}
		if d.Decision != nil && d.Decision.ECLI != "" {
			set("decision " + decisionKey(d.Decision.ECLI))
		}
	}
	return rv
}

// articleKey is the lookup form of an article number: the anchor without
// "art-" ("L. 622-4" and "L622-4" → "l622-4"; "premier" → "1").
func articleKey(n string) string {
	n = strings.TrimSpace(n)
	if len(n) > 2 && (n[0] == 'L' || n[0] == 'R' || n[0] == 'D') && (n[1] == '.' || n[1] == ' ') {
		n = n[:1] + strings.TrimLeft(n[1:], ". ")
	}
	return reLatinKey.ReplaceAllString(strings.TrimPrefix(Anchor(n), "art-"), "$1$2")
}

// citeLang is the language a citation's own linking words are in, when
// they say it ("artikel 31 van het Verdrag" is Dutch, "article 5 of this
// Convention" English), else lang: the version of the cited work to
// prefer is the one in the words of the citation, even where the citing
// text's language is unknown or wrong (a bilingual file).
func citeLang(text, lang string) string {
	for _, w := range strings.Fields(strings.ToLower(text)) {
		switch w {
		case "van", "het", "dit", "deze":
			return "nl"
		case "of", "this", "the":
			return "en"
		}
	}
	return lang
}

// reDashedNum is an article key "6-1": a number, a dash, a number.
var reDashedNum = regexp.MustCompile(`^(\d+)-\d+$`)

// reDigitDash is a dash between digits in an article key ("225-4-1").
var reDigitDash = regexp.MustCompile(`\d-\d`)

// reLatinKey glues a Latin multiplier to its number in a lookup key, so
// that the Swiss "322bis" and the French "3 bis" (anchors "322bis" and
// "3-bis") are found whichever way the citing text writes them.
var reLatinKey = regexp.MustCompile(`(\d)-(bis|ter|quater|quinquies|sexies|septies|octies|nonies|novies|decies|undecies|duodecies)\b`)

// decisionKey normalises a decision number or ECLI: "19-19.463" → "19-19463".
func decisionKey(n string) string {
	return strings.NewReplacer(".", "", " ", "").Replace(strings.ToLower(n))
}

func firstNonEmptyStr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// text extracts and resolves the citations of one text of d (p nil for
// the preamble).
func (rv *resolver) text(d *Document, p *Provision, text, lang string) []Citation {
	cites := ExtractCitations(text, lang)
	var last lastInstr
	for i := range cites {
		rv.resolve(d, p, &cites[i], lang, &last)
	}
	return cites
}

// sameNounFits reports whether the noun of a back reference ("cette loi",
// "dudit code", "ladite Convention") can name a document of kind: a loi or
// an ordonnance for "loi", a code for "code", a treaty of any name for
// "convention", "traité", "protocole", "charte" or "accord".
func sameNounFits(instr, kind string) bool {
	f := strings.Split(Slug(instr), "-")
	noun := f[len(f)-1]
	switch noun {
	case "loi":
		return kind == KindLoi || kind == KindOrdonnance
	case "code":
		return kind == KindCode
	case "convention", "traite", "protocole", "charte", "accord":
		switch kind {
		case KindTraite, KindConvention, KindProtocole, KindCharte, KindAccord:
			return true
		}
		return false
	}
	return true
}

// lastInstr is the last instrument a text named, for "du même code",
// "dudit code".
type lastInstr struct{ work, label string }

// resolve fills c.Target, c.TargetDoc, c.Also and c.Label; it returns the
// work id the citation names ("" when unknown).
func (rv *resolver) resolve(d *Document, p *Provision, c *Citation, lang string, last *lastInstr) string {
	r := c.ref
	if r == nil {
		return ""
	}
	c.Target, c.TargetDoc, c.Also = "", "", nil
	if r.decision != "" || c.Kind == CiteDecision || c.Kind == CiteECLI {
		if r.decision != "" {
			if t := rv.byNum["decision "+decisionKey(r.decision)]; t != nil && t != d {
				c.Target, c.TargetDoc = t.ID, t.ID
				c.Label = t.Title
			}
		}
		return ""
	}
	self := d.WorkID
	if self == "" {
		self = d.ID
	}
	lang = citeLang(c.Text, lang)
	var work, instrLabel string
	switch r.scope {
	case scopeSelfArt:
		if p != nil && len(r.arts) == 0 {
			c.Target, c.TargetDoc = p.ID, d.ID
			c.Label = rv.docLabel(d, lang) + ", art. " + p.Number
			return ""
		}
		work = self
	case scopeSelf:
		work = self
	case scopeSame:
		work = self
		if named := strings.Contains(Slug(r.instr), "code") || strings.Contains(Slug(r.instr), "loi") || strings.Contains(Slug(r.instr), "traite"); named && last != nil && last.label != "" {
			work, instrLabel = last.work, last.label
		} else if named && (d.Kind == KindDecision || d.Kind == KindTravauxPreparatoires || !sameNounFits(r.instr, d.Kind)) {
			// "de cette loi" in a code, "dudit code" in a decision: an
			// instrument named before the text at hand, not the text
			work, instrLabel = "", upperFirst(r.instr)
		}
	case scopeNone:
		if d.Kind == KindDecision || d.Kind == KindTravauxPreparatoires || d.Kind == KindAutre {
			c.Label = "art. " + strings.Join(r.arts, ", ") + " (texte non précisé)"
			return ""
		}
		work = self
	case scopeGeneric:
		if !r.titled {
			work = rv.generic(d, r.instr)
		}
		if work == "" {
			instrLabel = upperFirst(r.instr) + " (non précisé)"
		}
	case scopeWork:
		work = r.work
	case scopeCode:
		if in := rv.cat.Code(r.generic, d.Jurisdiction); in != nil {
			work = in.WorkID
		} else {
			instrLabel = upperFirst(r.generic)
			if d.Jurisdiction != "" {
				instrLabel += " (" + jurisdictionName(d.Jurisdiction) + ")"
			}
		}
	case scopeAct:
		if in := rv.cat.Numbered(r.actKind, r.actNum); in != nil && r.actNum != "" && !foreignAct(in, d) {
			work = in.WorkID
		} else if t := rv.byNum[numberKey(r.actKind, r.actNum)]; t != nil && r.actNum != "" {
			work = t.WorkID
		} else {
			instrLabel = actLabel(r)
		}
	case scopeStatute, scopeNamed, scopeAbbr:
		instrLabel = upperFirst(strings.Join(strings.Fields(stripTags(r.instr)), " "))
		if r.scope == scopeNamed && rv.namesSelf(d, r.instr) {
			// "Article 9 du Traité de la CEDEAO" inside the revised treaty
			work, instrLabel = self, ""
		}
		if r.generic != "" {
			// "art. 19 CP": the code of the citing jurisdiction
			if in := rv.cat.Code(r.generic, d.Jurisdiction); in != nil {
				work, instrLabel = in.WorkID, ""
			}
		}
	}
	if work != "" && instrLabel == "" {
		instrLabel = rv.workLabel(work, lang)
	}
	if last != nil && (r.scope == scopeWork || r.scope == scopeCode || r.scope == scopeAct) {
		*last = lastInstr{work, instrLabel}
	}
	if !rv.pointConnexe(d, p, c) {
		rv.point(d, c, work, lang)
	}
	if len(r.arts) > 0 {
		c.Label = instrLabel + ", art. " + artList(r)
		if instrLabel == "" {
			c.Label = "art. " + artList(r)
		}
	} else if instrLabel != "" {
		c.Label = instrLabel
	}
	return work
}

// reConnexeAct is the amending act in the anchor of one of its sections
// reproduced with a code: "2023-ch-26" in "2023-ch-26-art-614--art-614",
// "1991-ch-43" in "1991-ch-43-par-10-1-a-7-modifie-par-2005--art-10".
var reConnexeAct = regexp.MustCompile(`^(\d{4}-ch-[0-9a-z.]+(?:-[0-9a-z.]+)*?)-(?:art|par)-`)

// connexeAct is the amending act of a connexe section's anchor, or "".
func connexeAct(anchor string) string {
	m := reConnexeAct.FindStringSubmatch(anchor)
	if m == nil {
		return ""
	}
	return m[1]
}

// pointConnexe resolves an article named without an instrument in a
// section of an amending act reproduced with a code ("articles 614 et
// 615" in 2023, ch. 26, art. 613) to the sections of that act, when all
// of them are there; it reports whether it did.
func (rv *resolver) pointConnexe(d *Document, p *Provision, c *Citation) bool {
	r := c.ref
	if p == nil || p.Kind != ProvisionConnexe || r.scope != scopeNone || len(r.arts) == 0 || rv.connexe[d] == nil {
		return false
	}
	act := connexeAct(p.Anchor)
	if act == "" {
		return false
	}
	var ids []string
	for _, n := range expand(r) {
		id := rv.connexe[d][act+"|"+articleKey(n)]
		if id == "" {
			return false
		}
		ids = append(ids, id)
	}
	c.Target, c.TargetDoc = ids[0], d.ID
	for _, id := range ids[1:] {
		if id != c.Target {
			c.Also = append(c.Also, id)
		}
	}
	return true
}

// point sets Target and Also to the provisions (or the document) of work
// the citation names, choosing the version in lang where there are several.
func (rv *resolver) point(d *Document, c *Citation, work, lang string) {
	if work == "" {
		return
	}
	cands := rv.versions(work, lang, d)
	if len(cands) == 0 {
		return
	}
	r := c.ref
	if len(r.arts) == 0 {
		c.Target, c.TargetDoc = cands[0].ID, cands[0].ID
		return
	}
	for _, n := range expand(r) {
		k := articleKey(n)
		if strings.HasSuffix(n, " nouveau") {
			// "article 22 nouveau": the amended article, else the article
			if !rv.hasArticle(cands, k) {
				k = articleKey(strings.TrimSuffix(n, " nouveau"))
			}
		}
		if m := reDashedNum.FindStringSubmatch(k); m != nil && !rv.hasArticle(cands, k) && !rv.dashed[cands[0]] {
			// "articles 6-1 de la Convention européenne…": article 6,
			// paragraph 1, where the numbering has no dashes
			k = m[1]
		}
		for _, t := range cands {
			if id, ok := rv.arts[t][k]; ok {
				if c.Target == "" {
					c.Target, c.TargetDoc = id, t.ID
				} else if id != c.Target {
					c.Also = append(c.Also, id)
				}
				break
			}
		}
	}
}

// versions returns the documents of work, best first: the citing
// document itself, then its language, French, English, the others.
func (rv *resolver) versions(work, lang string, d *Document) []*Document {
	docs := rv.byWork[work]
	if len(docs) <= 1 {
		return docs
	}
	rank := func(t *Document) int {
		switch {
		case t == d:
			return 0
		case t.Language == lang:
			return 1
		case t.Language == "fr":
			return 2
		case t.Language == "en":
			return 3
		}
		return 4
	}
	out := append([]*Document(nil), docs...)
	for i := 1; i < len(out); i++ { // insertion sort, stable, tiny slices
		for j := i; j > 0 && rank(out[j]) < rank(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// expand lists the article numbers of a citation, a range of plain
// numbers written out ("3 à 7" → 3, 4, 5, 6, 7; at most 50).
func expand(r *citeRef) []string {
	if r.rng && len(r.arts) == 2 {
		a, err1 := strconv.Atoi(r.arts[0])
		b, err2 := strconv.Atoi(r.arts[1])
		if err1 == nil && err2 == nil && a < b && b-a <= 50 {
			var out []string
			for n := a; n <= b; n++ {
				out = append(out, strconv.Itoa(n))
			}
			return out
		}
	}
	return r.arts
}

func artList(r *citeRef) string {
	if r.rng && len(r.arts) == 2 {
		return r.arts[0] + " à " + r.arts[1]
	}
	return strings.Join(r.arts, ", ")
}

// generic resolves "la Convention", "du Protocole" by context: the
// instrument a protocol supplements, or the citing text itself when it is
// of that kind.
func (rv *resolver) generic(d *Document, word string) string {
	w := Slug(word)
	kindOf := map[string]string{"convention": KindConvention, "verdrag": KindConvention, "protocole": KindProtocole, "protocol": KindProtocole,
		"charte": KindCharte, "charter": KindCharte, "traite": KindTraite, "treaty": KindTraite, "accord": KindAccord, "agreement": KindAccord}[w]
	if (w == "loi" || w == "act" || w == "law") && !strings.HasPrefix(word, "*") && d.Jurisdiction == "ca" && d.Kind != KindDecision {
		// "la Loi", "the Act" is a term the Canadian acts define: the act
		// itself ("article 58 de la Loi" in the LIPR's regulations); not
		// "de la *Loi sur l’enregistrement…*", an italic title cut short
		return d.WorkID
	}
	if kindOf == "" {
		return ""
	}
	if in := rv.cat.Work(d.WorkID); in != nil && in.Parent != "" {
		if parent := rv.cat.Work(in.Parent); parent != nil && parent.Kind == kindOf {
			return parent.WorkID
		}
	}
	if d.Kind == kindOf {
		return d.WorkID
	}
	return ""
}

// workLabel names a work: the catalog's label, or the title of its
// document in the corpus.
func (rv *resolver) workLabel(work, lang string) string {
	if in := rv.cat.Work(work); in != nil {
		return in.Label(lang)
	}
	if docs := rv.byWork[work]; len(docs) > 0 {
		return rv.docLabel(docs[0], lang)
	}
	return work
}

func (rv *resolver) docLabel(d *Document, lang string) string {
	if in := rv.cat.Work(d.WorkID); in != nil {
		return in.Label(lang)
	}
	if len(d.ShortTitles) > 0 {
		return d.ShortTitles[0]
	}
	if d.Title != "" {
		return d.Title
	}
	return d.ID
}

// actLabel names an act absent from the catalog and the corpus:
// "Loi n° 2011-036 du 12 juillet 2012".
func actLabel(r *citeRef) string {
	l := upperFirst(map[string]string{"decret": "décret", "arrete": "arrêté"}[r.actKind])
	if l == "" {
		l = upperFirst(r.actKind)
	}
	if r.actNum != "" {
		l += " n° " + r.actNum
	}
	if len(r.actDate) == 10 {
		l += " du " + frenchDate(r.actDate)
	}
	return l
}

// foreignAct: a national act of another country than the citing national
// text ("loi n° 2018-16" in a French decision is not Benin's law 2018-16).
func foreignAct(in *Instrument, d *Document) bool {
	return len(in.Jurisdiction) == 2 && len(d.Jurisdiction) == 2 && in.Jurisdiction != d.Jurisdiction
}

func (rv *resolver) hasArticle(docs []*Document, key string) bool {
	for _, t := range docs {
		if _, ok := rv.arts[t][key]; ok {
			return true
		}
	}
	return false
}

// namesSelf reports whether a name written out ("Traité de la CEDEAO")
// designates the citing document: every word of it but the connecting
// ones is a word of the document's title or of its catalog names, and its
// head is of the document's kind.
func (rv *resolver) namesSelf(d *Document, name string) bool {
	titles := []string{d.Title}
	if in := rv.cat.Work(d.WorkID); in != nil {
		titles = append(titles, in.Names...)
		for _, t := range in.Titles {
			titles = append(titles, t)
		}
	}
	have := map[string]bool{}
	for _, t := range titles {
		for _, w := range strings.Split(Slug(t), "-") {
			have[w] = true
		}
	}
	ws := strings.Split(Slug(stripTags(name)), "-")
	if len(ws) < 2 || rv.generic(d, ws[0]) != d.WorkID {
		return false
	}
	for _, w := range ws {
		if !have[w] && !connFR[w] && !connEN[w] && !connNL[w] && !artsAll[w] {
			return false
		}
	}
	return true
}
