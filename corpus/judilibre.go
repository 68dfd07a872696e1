package corpus

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// judilibreDecision is the subset of the Judilibre API decision object
// (https://github.com/Cour-de-cassation/judilibre-search, /decision and the
// items of /search) that lextraite reads.
type judilibreDecision struct {
	ID           string   `json:"id"`
	Text         string   `json:"text"`
	Jurisdiction string   `json:"jurisdiction"`
	Location     string   `json:"location"`
	Chamber      string   `json:"chamber"`
	DecisionDate string   `json:"decision_date"`
	Number       string   `json:"number"`
	ECLI         string   `json:"ecli"`
	Solution     string   `json:"solution"`
	Type         string   `json:"type"`
	Summary      string   `json:"summary"`
	Themes       []string `json:"themes"`
	Publication  []string `json:"publication"`
	Visa         []struct {
		Title string `json:"title"`
	} `json:"visa"`
	TitlesAndSummaries []struct {
		Titles  []string `json:"titles"`
		Summary string   `json:"summary"`
	} `json:"titlesAndSummaries"`
	Zones map[string][]struct {
		Start int `json:"start"`
		End   int `json:"end"`
	} `json:"zones"`
}

// title names a decision the way French lawyers cite it:
// "Cour de cassation, Chambre sociale, 25 novembre 2020, n° 19-60.222".
func (j *judilibreDecision) title() string {
	parts := []string{}
	court := j.Location
	if court == "" {
		court = j.Jurisdiction
	}
	if court != "" {
		parts = append(parts, court)
	}
	if j.Chamber != "" {
		parts = append(parts, j.Chamber)
	}
	if j.DecisionDate != "" {
		parts = append(parts, frenchDate(j.DecisionDate))
	}
	if j.Number != "" {
		parts = append(parts, "n° "+j.Number)
	}
	return strings.Join(parts, ", ")
}

func (j *judilibreDecision) doc(u unit) *Document {
	d := newDoc(u, "json")
	d.Kind = KindDecision
	d.Language = "fr"
	d.Jurisdiction = "fr"
	d.Title = j.title()
	d.Date = j.DecisionDate
	d.Number = j.Number
	if j.ECLI != "" {
		d.ShortTitles = append(d.ShortTitles, j.ECLI)
	}
	return d
}

// loadJudilibreDecision reads one full decision: its text becomes the
// document's text, the zones (introduction, exposé, moyens, motivations,
// dispositif) its sections when present.
func loadJudilibreDecision(u unit, data []byte) ([]*Document, error) {
	var j judilibreDecision
	if err := json.Unmarshal(data, &j); err != nil {
		return nil, fmt.Errorf("%w : décision Judilibre invalide : %v", ErrCorrupt, err)
	}
	if strings.TrimSpace(j.Text) == "" {
		return nil, ErrEmpty
	}
	d := j.doc(u)
	d.Preamble = cleanDecisionText(j.Text)
	var meta []string
	for _, v := range j.Visa {
		meta = append(meta, "Visa : "+v.Title)
	}
	if j.Solution != "" {
		meta = append(meta, "Solution : "+j.Solution)
	}
	if len(meta) > 0 {
		d.Preamble = strings.Join(meta, "\n") + "\n\n" + d.Preamble
	}
	return []*Document{d}, nil
}

// cleanDecisionText collapses the runs of blank lines of Judilibre texts
// into paragraph breaks.
func cleanDecisionText(s string) string {
	var paras []string
	for _, p := range textBlocks(s) {
		paras = append(paras, p.text)
	}
	return strings.Join(paras, "\n\n")
}

// loadJudilibreList reads a /search result list: one summary document per
// decision (metadata, summary, titles and themes; no full text).
func loadJudilibreList(u unit, data []byte) ([]*Document, error) {
	var list struct {
		Resolved []judilibreDecision `json:"resolved"`
		Results  []judilibreDecision `json:"results"`
	}
	if err := json.Unmarshal(data, &list); err != nil {
		return nil, fmt.Errorf("%w : liste Judilibre invalide : %v", ErrCorrupt, err)
	}
	items := append(list.Resolved, list.Results...)
	if len(items) == 0 {
		return nil, ErrEmpty
	}
	var docs []*Document
	for _, j := range items {
		d := j.doc(u)
		var parts []string
		if j.Summary != "" {
			parts = append(parts, j.Summary)
		}
		for _, ts := range j.TitlesAndSummaries {
			if len(ts.Titles) > 0 {
				parts = append(parts, strings.Join(ts.Titles, " — "))
			}
			if ts.Summary != "" && ts.Summary != j.Summary {
				parts = append(parts, ts.Summary)
			}
		}
		if len(j.Themes) > 0 {
			parts = append(parts, "Thèmes : "+strings.Join(j.Themes, " ; "))
		}
		if j.Solution != "" {
			parts = append(parts, "Solution : "+j.Solution)
		}
		d.Preamble = strings.Join(parts, "\n\n")
		d.Notes = append(d.Notes, "Résumé issu d'une liste de résultats Judilibre : le texte intégral de la décision n'est pas dans le corpus.")
		id := "fr-" + courtSlug(j.Jurisdiction) + "-" + Slug(j.DecisionDate+" "+j.Number)
		if j.Number == "" {
			id = "fr-judilibre-" + Slug(j.ID)
		}
		d.ID = id
		docs = append(docs, d)
	}
	sort.SliceStable(docs, func(a, b int) bool { return docs[a].ID < docs[b].ID })
	return docs, nil
}

var frenchMonths = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// frenchDate writes an ISO date "2020-11-18" as "18 novembre 2020" (and
// "1er" for the first day); other inputs are returned unchanged.
func frenchDate(iso string) string {
	var y, m, d int
	if n, _ := fmt.Sscanf(iso, "%4d-%2d-%2d", &y, &m, &d); n != 3 || m < 1 || m > 12 {
		return iso
	}
	day := fmt.Sprint(d)
	if d == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %d", day, frenchMonths[m-1], y)
}

// courtSlug abbreviates court names for ids: "Cour de cassation" → "cass".
func courtSlug(court string) string {
	switch Slug(court) {
	case "cour-de-cassation", "cc":
		return "cass"
	case "cour-d-appel", "ca":
		return "ca"
	case "":
		return "juridiction"
	}
	return Slug(court)
}
