package site

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"lextraite/corpus"
	"lextraite/indexer"
)

// corpusPageSize is the number of documents listed per page of /corpus:
// the whole list of a real corpus (a thousand documents and more, with the
// users' own files) would weigh hundreds of kilobytes.
const corpusPageSize = 100

// corpusParams are the validated parameters of /corpus: one jurisdiction,
// one kind (both optional) and the page of the list.
type corpusParams struct {
	Jurisdiction, Kind string
	Page               int
}

// parseCorpusParams validates /corpus's query: unknown codes, several
// values of one filter and pages that are not positive integers are 400.
// An empty value (the form's "toutes") is no filter.
func parseCorpusParams(v url.Values) (corpusParams, error) {
	p := corpusParams{Page: 1}
	one := func(name, what string, valid func(string) bool) (string, error) {
		val := ""
		for _, s := range v[name] {
			s = strings.TrimSpace(s)
			if s == "" || s == val {
				continue
			}
			if val != "" {
				return "", badRequest("un seul filtre « %s » à la fois sur la liste du corpus", name)
			}
			if !valid(s) && !(name == "juridiction" && valid(corpus.CodeCase(s))) {
				return "", badRequest("le filtre « %s » attend %s, pas « %s »", name, what, truncateRunes(s, 40))
			}
			val = s
		}
		return val, nil
	}
	var err error
	if p.Jurisdiction, err = one("juridiction", "un code de juridiction (ml, ne, sn…)", corpus.ValidJurisdiction); err != nil {
		return p, err
	}
	p.Jurisdiction = corpus.CodeCase(p.Jurisdiction)
	if p.Kind, err = one("type", "un type de texte ("+strings.Join(corpus.Kinds, ", ")+")",
		func(s string) bool { return slices.Contains(corpus.Kinds, canonicalKind(s)) }); err != nil {
		return p, err
	}
	p.Kind = canonicalKind(p.Kind)
	if s := strings.TrimSpace(v.Get("page")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return p, badRequest("numéro de page invalide « %s » : un entier à partir de 1", truncateRunes(s, 20))
		}
		p.Page = n
	}
	return p, nil
}

// url is the /corpus address of p, page 1 omitted, pointing at the list.
func (p corpusParams) url() string {
	v := url.Values{}
	if p.Jurisdiction != "" {
		v.Set("juridiction", p.Jurisdiction)
	}
	if p.Kind != "" {
		v.Set("type", p.Kind)
	}
	if p.Page > 1 {
		v.Set("page", strconv.Itoa(p.Page))
	}
	if len(v) == 0 {
		return "/corpus#documents"
	}
	return "/corpus?" + v.Encode() + "#documents"
}

// match reports whether d passes p's filters.
func (p corpusParams) match(d *corpus.Document) bool {
	return (p.Jurisdiction == "" || d.Jurisdiction == p.Jurisdiction) && (p.Kind == "" || d.Kind == p.Kind)
}

// handleCorpus serves /corpus: a summary of the index, the files not
// indexed and the documents with incomplete metadata (in full: that is
// where users check their own files were read), then one page of the
// document list, filtered by jurisdiction and kind.
func (srv *server) handleCorpus(c *gin.Context) error {
	params, err := parseCorpusParams(c.Request.URL.Query())
	if err != nil {
		return err
	}
	st := srv.s.Stats()
	p := &corpusPage{basePage: srv.base(c, "Le corpus"), Skipped: skippedViews(st.Skipped), Warnings: skippedViews(st.Warnings), Stats: st,
		BuiltAt: timeLabel(st.BuiltAt), Build: buildLabel(st), Filter: params}

	var docs []*corpus.Document
	for _, d := range srv.s.Documents() {
		if d != nil {
			docs = append(docs, d)
		}
	}
	p.NDocs = len(docs)
	// Sorted once by jurisdiction label then title: the list, the
	// incomplete ones and the pages all follow that order.
	type keyed struct {
		d            *corpus.Document
		juris, title string
	}
	ks := make([]keyed, len(docs))
	for i, d := range docs {
		ks[i] = keyed{d, jurisdictionLabel(d.Jurisdiction), cmp.Or(d.Title, d.ID)}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		return cmp.Or(cmp.Compare(a.juris, b.juris), cmp.Compare(a.title, b.title), cmp.Compare(a.d.ID, b.d.ID))
	})

	jCount, kCount := map[string]int{}, map[string]int{}
	var matching []*corpus.Document
	for _, k := range ks {
		d := k.d
		jCount[d.Jurisdiction]++
		kCount[d.Kind]++
		if len(d.Incomplete) > 0 {
			p.Incomplete = append(p.Incomplete, corpusDocOf(d))
		}
		if params.match(d) {
			matching = append(matching, d)
		}
	}
	p.Jurisdictions = countLinks(jCount, jurisdictionLabel, corpus.ValidJurisdiction, params.Jurisdiction,
		func(v string) string { return corpusParams{Jurisdiction: v}.url() })
	slices.SortFunc(p.Jurisdictions, func(a, b countLink) int { return cmp.Compare(a.Label, b.Label) })
	p.Kinds = countLinks(kCount, kindLabel, func(s string) bool { return slices.Contains(corpus.Kinds, s) },
		params.Kind, func(v string) string { return corpusParams{Kind: v}.url() })
	slices.SortFunc(p.Kinds, func(a, b countLink) int {
		return cmp.Or(cmp.Compare(kindRank(a.Value), kindRank(b.Value)), cmp.Compare(a.Label, b.Label))
	})

	// Active filters, each removable.
	if params.Jurisdiction != "" {
		p.Active = append(p.Active, link{Label: "Juridiction : " + jurisdictionLabel(params.Jurisdiction),
			URL: corpusParams{Kind: params.Kind}.url()})
	}
	if params.Kind != "" {
		p.Active = append(p.Active, link{Label: "Type : " + kindLabel(params.Kind),
			URL: corpusParams{Jurisdiction: params.Jurisdiction}.url()})
	}
	if len(p.Active) > 0 {
		p.ClearURL = corpusParams{}.url()
	}

	// One page of the list.
	p.Matching = len(matching)
	last := max(1, (len(matching)+corpusPageSize-1)/corpusPageSize)
	status := http.StatusOK
	if params.Page > last {
		// A page past the end (an old link, a filter that narrowed the
		// list): say so and link the last page, rather than an empty list.
		status = http.StatusNotFound
		p.PastEnd = params.Page
		p.LastPageURL = corpusParams{Jurisdiction: params.Jurisdiction, Kind: params.Kind, Page: last}.url()
	} else {
		from := (params.Page - 1) * corpusPageSize
		to := min(from+corpusPageSize, len(matching))
		for _, d := range matching[from:to] {
			cd := corpusDocOf(d)
			if n := len(p.Docs); n > 0 && len(cd.Notes) > 0 && slices.Equal(cd.Notes, p.Docs[n-1].Notes) {
				cd.SameNotes = true
			}
			p.Docs = append(p.Docs, cd)
		}
		if to > from {
			p.From, p.To = from+1, to
		}
	}
	p.LastPage = last
	if last > 1 {
		at := func(n int) string {
			return corpusParams{Jurisdiction: params.Jurisdiction, Kind: params.Kind, Page: n}.url()
		}
		cur := min(params.Page, last+1)
		if cur > 1 {
			p.Prev = at(min(cur-1, last))
		}
		if cur < last {
			p.Next = at(cur + 1)
		}
		gap := false
		for n := 1; n <= last; n++ {
			if n == 1 || n == last || (n >= cur-2 && n <= cur+2) {
				p.Pages = append(p.Pages, pageLink{N: n, URL: at(n), Current: n == cur})
				gap = false
			} else if !gap {
				p.Pages = append(p.Pages, pageLink{Gap: true})
				gap = true
			}
		}
	}
	if params.Page > 1 && p.PastEnd == 0 {
		p.Title += " — page " + strconv.Itoa(params.Page) + " sur " + strconv.Itoa(last)
	}
	srv.render(c, status, "corpus", p)
	return nil
}

// corpusDocOf is one line of the corpus list.
func corpusDocOf(d *corpus.Document) corpusDoc {
	return corpusDoc{
		ID: d.ID, Title: cmp.Or(d.Title, d.ID), URL: docURL(d.ID, ""), Kind: kindLabel(d.Kind),
		Jurisdiction: jurisdictionLabel(d.Jurisdiction), Date: dateLabel(d.Date),
		Language:  languageLabel(d.Language),
		Authority: d.Authority, Transcription: d.Authority == corpus.AuthorityTranscription,
		Notes: d.Notes, Incomplete: fieldLabels(d.Incomplete), Provisions: len(d.Provisions),
	}
}

// countLinks turns counts by code into filter links; codes that cannot
// be filtered on (empty, invalid) get no URL.
func countLinks(counts map[string]int, label func(string) string, valid func(string) bool,
	active string, urlOf func(string) string) []countLink {
	out := make([]countLink, 0, len(counts))
	for v, n := range counts {
		l := countLink{Value: v, Label: label(v), Count: n, Active: v != "" && v == active}
		if v != "" && valid(v) {
			l.URL = urlOf(v)
		}
		out = append(out, l)
	}
	return out
}

// kindRank orders kinds as corpus.Kinds does, unknown ones last.
func kindRank(k string) int {
	if i := slices.Index(corpus.Kinds, k); i >= 0 {
		return i
	}
	return len(corpus.Kinds)
}

// buildLabel says plainly when and how the index was built: « Index mis à
// jour le … (incrémental : 394 entrées ajoutées) », « Index reconstruit
// en entier le … (raison : …) », or "" when the time is unknown.
func buildLabel(st indexer.Stats) string {
	if st.BuiltAt == "" {
		return ""
	}
	when := timeLabel(st.BuiltAt)
	u := st.Update
	switch {
	case u == nil:
		return "Index construit le " + when + "."
	case u.Mode == indexer.ModeIncremental:
		var parts []string
		for _, c := range []struct {
			n    int
			verb string
		}{{u.Added, "ajoutée"}, {u.Changed, "modifiée"}, {u.Removed, "supprimée"}} {
			if c.n > 0 {
				parts = append(parts, strconv.Itoa(c.n)+" "+plural(c.n, "entrée "+c.verb, "entrées "+c.verb+"s"))
			}
		}
		if len(parts) == 0 {
			parts = []string{"aucune entrée changée"}
		}
		return "Index mis à jour le " + when + " (incrémental : " + strings.Join(parts, ", ") + ")."
	}
	s := "Index reconstruit en entier le " + when
	if u.Added > 0 {
		s += " (" + strconv.Itoa(u.Added) + " " + plural(u.Added, "entrée", "entrées")
		if u.Reason != "" {
			s += " ; raison : " + u.Reason
		}
		s += ")"
	} else if u.Reason != "" {
		s += " (raison : " + u.Reason + ")"
	}
	return s + "."
}

// plural picks the singular for 0 and 1, as French does.
func plural(n int, one, many string) string {
	if n > 1 {
		return many
	}
	return one
}

// skippedView is a file not indexed as /corpus lists it: its path, the
// loader's reason, and in French what kind of problem it is and what to do.
type skippedView struct {
	Path, Reason, Kind, Remedy string
}

// skipAdvice gives, for each corpus.Skipped code, the kind of problem and
// what the user can do about it.
var skipAdvice = map[string][2]string{
	"encrypted":   {"PDF protégé", "Enregistrer une copie sans mot de passe (imprimer en PDF) et la déposer à la place."},
	"no-text":     {"PDF numérisé sans texte", "Installer Tesseract (tesseract-ocr, tesseract-ocr-fra) puis relancer l'indexation, ou fournir une version texte."},
	"corrupt":     {"fichier endommagé", "Récupérer une nouvelle copie du fichier : le téléchargement ou la copie a pu être interrompu."},
	"empty":       {"fichier vide", "Vérifier la copie du fichier."},
	"unsupported": {"format non pris en charge", "Convertir le texte en PDF, HTML, Markdown ou texte brut."},
	"ignored":     {"ignoré volontairement", "Rien à faire : ce fichier n'est pas un texte à indexer."},
	// warnings: the file was indexed
	"duplicate-id": {"identifiant déjà pris", "Donner au document un id unique dans son fichier .meta.yaml : son adresse restera stable."},
	"meta":         {"fichier .meta.yaml à corriger", "Corriger la clé ou la valeur signalée, puis relancer l'indexation."},
	"same-text":    {"texte en double", "Retirer l'une des deux copies du dossier du corpus, puis relancer l'indexation."},
}

func skippedViews(in []corpus.Skipped) []skippedView {
	out := make([]skippedView, 0, len(in))
	for _, sk := range in {
		v := skippedView{Path: sk.Where(), Reason: strings.Join(strings.Fields(sk.Reason), " ")}
		// the kind column already says it: « format non pris en charge :
		// format non pris en charge : … » reads once
		for _, e := range []error{corpus.ErrCorrupt, corpus.ErrUnsupported} {
			if r, ok := strings.CutPrefix(v.Reason, e.Error()+" : "); ok {
				v.Reason = capitalize(r)
			}
		}
		if a, ok := skipAdvice[sk.Code]; ok {
			v.Kind, v.Remedy = a[0], a[1]
		} else {
			v.Kind, v.Remedy = "à vérifier", "Lire la raison ; corriger le fichier ou son fichier .meta.yaml, puis relancer l'indexation."
		}
		out = append(out, v)
	}
	return out
}
