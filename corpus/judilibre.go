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
	Contested *struct {
		Date  string `json:"date"`
		Title string `json:"title"`
	} `json:"contested"`
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

// loadJudilibreDecision reads one full decision. The zones (introduction,
// exposé, moyens, motivations, dispositif, annexes; offsets in characters)
// become the decision's provisions, anchored by zone name; without usable
// zones the text is split at "MOTIFS" and "PAR CES MOTIFS". The Decision
// fields come from the text and from the structured record; where the two
// disagree the text wins and a note says so. Names listed under `mask:` in
// the file's sidecar are masked in every text.
func loadJudilibreDecision(u unit, data []byte) ([]*Document, error) {
	var j judilibreDecision
	if err := json.Unmarshal(data, &j); err != nil {
		return nil, fmt.Errorf("%w : décision Judilibre invalide : %s", ErrCorrupt, jsonProblem(data, err))
	}
	if strings.TrimSpace(j.Text) == "" {
		return nil, ErrEmpty
	}
	mask, err := maskSidecar(u.abs)
	if err != nil {
		return nil, fmt.Errorf("%w : %v", ErrCorrupt, err)
	}
	spans, zoneNote := judilibreZones(&j)
	if spans == nil {
		spans = decisionSections(j.Text)
	}
	dispositif := ""
	for _, sp := range spans {
		if sp.zone == "dispositif" {
			dispositif = j.Text[sp.start:sp.end]
		}
	}
	dec := ExtractDecision(j.Text, dispositif)
	d := j.doc(u)
	conflicts := mergeDecision(dec, &j)
	d.Decision = dec
	if dec.Date != "" {
		d.Date = dec.Date
	}
	if dec.Number != "" {
		d.Number = dec.Number
	}
	d.Title = decisionTitle(dec)
	if len(conflicts) > 0 {
		d.Notes = append(d.Notes, "Métadonnées Judilibre contradictoires avec le texte : "+strings.Join(conflicts, " ; "))
	}
	if zoneNote != "" {
		d.Notes = append(d.Notes, zoneNote)
	}
	seen := map[string]int{}
	for _, sp := range spans {
		text := cleanDecisionText(MaskNames(j.Text[sp.start:sp.end], mask))
		if strings.TrimSpace(text) == "" {
			continue
		}
		seen[sp.zone]++
		anchor, heading := sp.zone, zoneHeading(sp.zone)
		if n := seen[sp.zone]; n > 1 {
			anchor = fmt.Sprintf("%s-%d", sp.zone, n)
			heading += " (suite)"
		}
		d.Provisions = append(d.Provisions, Provision{Anchor: anchor, Heading: heading, Path: []string{}, Text: text, Language: "fr", Source: u.rel})
	}
	var meta []string
	for _, v := range dec.Visas {
		meta = append(meta, "Visa : "+v)
	}
	if dec.Outcome != "" {
		meta = append(meta, "Solution : "+dec.Outcome)
	}
	if len(d.Provisions) == 0 {
		meta = append(meta, cleanDecisionText(MaskNames(j.Text, mask)))
	}
	d.Preamble = MaskNames(strings.Join(meta, "\n"), mask)
	maskDecision(dec, mask)
	return []*Document{d}, nil
}

// judilibreZones turns the zones' character offsets into byte spans in
// text order. It returns nil and a note when the zones do not fit the text
// (the Chambéry sample's zones belong to another text).
func judilibreZones(j *judilibreDecision) ([]zoneSpan, string) {
	if len(j.Zones) == 0 {
		return nil, ""
	}
	// offsets are in UTF-16 code units (JavaScript strings)
	var units []int // byte offset of each UTF-16 unit
	for i, r := range j.Text {
		units = append(units, i)
		if r >= 0x10000 {
			units = append(units, i)
		}
	}
	units = append(units, len(j.Text))
	var spans []zoneSpan
	for _, z := range decisionZones {
		for _, r := range j.Zones[z.Zone] {
			if r.End == len(units) { // one past the end, as in the Cour de cassation sample
				r.End = len(units) - 1
			}
			if r.Start < 0 || r.End > len(units)-1 || r.Start >= r.End {
				return nil, "Zones Judilibre incohérentes avec le texte (hors du texte) : découpage d'après les intitulés de la décision"
			}
			spans = append(spans, zoneSpan{zone: z.Zone, start: units[r.Start], end: units[r.End]})
		}
	}
	sort.SliceStable(spans, func(a, b int) bool { return spans[a].start < spans[b].start })
	for i := 1; i < len(spans); i++ {
		if spans[i].start < spans[i-1].end {
			return nil, "Zones Judilibre incohérentes avec le texte (zones qui se chevauchent) : découpage d'après les intitulés de la décision"
		}
	}
	return spans, ""
}

// mergeDecision completes the fields read from the text with the
// structured record and returns where the two disagree.
func mergeDecision(dec *Decision, j *judilibreDecision) []string {
	var conflicts []string
	court := j.Location
	if court == "" {
		court = j.Jurisdiction
	}
	if dec.Court == "" || court != "" && strings.HasPrefix(Slug(court), Slug(dec.Court)) {
		// the record writes the court's name better than the en-tête's capitals
		dec.Court = court
	}
	if j.DecisionDate != "" {
		if dec.Date != "" && dec.Date != j.DecisionDate {
			conflicts = append(conflicts, fmt.Sprintf("date %s (texte : %s)", j.DecisionDate, dec.Date))
		} else if dec.Date == "" {
			dec.Date = j.DecisionDate
		}
	}
	if j.Number != "" {
		if dec.Number != "" && decisionKey(dec.Number) != decisionKey(j.Number) {
			conflicts = append(conflicts, fmt.Sprintf("n° %s (texte : %s)", j.Number, dec.Number))
		} else {
			dec.Number = j.Number
		}
	}
	if j.Chamber != "" {
		if dec.Chamber != "" && !sameChamber(dec.Chamber, j.Chamber) {
			conflicts = append(conflicts, fmt.Sprintf("chambre « %s » (texte : « %s »)", j.Chamber, dec.Chamber))
		} else {
			dec.Chamber = j.Chamber
		}
	}
	if j.ECLI != "" {
		if dec.ECLI != "" && dec.ECLI != j.ECLI {
			conflicts = append(conflicts, fmt.Sprintf("ECLI %s (texte : %s)", j.ECLI, dec.ECLI))
		}
		dec.ECLI = j.ECLI
	}
	for _, v := range j.Visa {
		dec.Visas = appendUnique(dec.Visas, strings.TrimRight(strings.TrimSpace(v.Title), "."))
	}
	if j.Solution != "" {
		if dec.Outcome == "" {
			dec.Outcome = j.Solution
		} else {
			dec.Outcome = j.Solution + " (" + dec.Outcome + ")"
		}
	}
	if j.Contested != nil && j.Contested.Title != "" {
		dec.Contested = strings.Join(strings.Fields(j.Contested.Title), " ")
		if j.Contested.Date != "" {
			dec.Contested += ", " + frenchDate(j.Contested.Date)
		}
	}
	dec.Conflicts = conflicts
	return conflicts
}

// sameChamber compares chamber names loosely: "CHAMBRE COMMERCIALE,
// FINANCIÈRE ET ÉCONOMIQUE" and "Chambre commerciale financière et
// économique" are the same.
func sameChamber(a, b string) bool {
	sa, sb := Slug(a), Slug(b)
	return sa == sb || strings.Contains(sa, sb) || strings.Contains(sb, sa)
}

// decisionTitle names a decision the way lawyers cite it:
// "Cour de cassation, Chambre commerciale…, 18 novembre 2020, n° 19-19.463".
func decisionTitle(dec *Decision) string {
	var parts []string
	for _, p := range []string{dec.Court, dec.Chamber} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if dec.Date != "" {
		parts = append(parts, frenchDate(dec.Date))
	}
	if dec.Number != "" {
		parts = append(parts, "n° "+dec.Number)
	}
	return strings.Join(parts, ", ")
}

// maskDecision masks names in the decision's free-text fields.
func maskDecision(dec *Decision, names []string) {
	if len(names) == 0 {
		return
	}
	for _, l := range [][]string{dec.Charges, dec.Visas, dec.Sentence} {
		for i := range l {
			l[i] = MaskNames(l[i], names)
		}
	}
	dec.Outcome = MaskNames(dec.Outcome, names)
	dec.Contested = MaskNames(dec.Contested, names)
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
		return nil, fmt.Errorf("%w : liste Judilibre invalide : %s", ErrCorrupt, jsonProblem(data, err))
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
		dec := &Decision{Court: firstNonEmptyStr(j.Location, j.Jurisdiction), Chamber: j.Chamber, Date: j.DecisionDate, Number: j.Number, ECLI: j.ECLI, Outcome: j.Solution}
		for _, v := range j.Visa {
			dec.Visas = appendUnique(dec.Visas, strings.TrimRight(strings.TrimSpace(v.Title), "."))
		}
		for _, f := range exploitationForms {
			if f.re.MatchString(d.Preamble) {
				dec.Exploitation = append(dec.Exploitation, f.form)
			}
		}
		d.Decision = dec
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
