package assets

import "robodesk/model/sample"

// DemoSamples returns the demo's sample records: three per entity, a typical item, an almost
// empty one and one with very long Cyrillic values, so previews show real text, empty
// placeholders and overlong messages alike.
func DemoSamples() (sample.Samples, error) {
	var s sample.Samples
	if err := readJSON("demo/samples.json", &s); err != nil {
		return nil, err
	}
	return s, nil
}
