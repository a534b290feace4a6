package ui

import (
	"errors"
	"fmt"
	"strings"

	"robodesk/model"
)

// robotsText encodes robots for the clipboard as Bitrix24 writes a stage's ROBOTS array, so a
// copy can be pasted into another project or a text editor.
func robotsText(rs []*model.Robot) (string, error) {
	data, err := model.MarshalValue(rs)
	if err != nil {
		return "", fmt.Errorf("copy robots: %w", err)
	}
	return string(data), nil
}

// errNoRobots is the clipboard holding something other than robots.
var errNoRobots = errors.New("the clipboard holds no robots")

// parseRobots reads robots from clipboard text: a ROBOTS array, one robot, or a stage template
// object with a ROBOTS key.
func parseRobots(s string) ([]*model.Robot, error) {
	data := []byte(strings.TrimSpace(s))
	if len(data) == 0 {
		return nil, errNoRobots
	}
	var items [][]byte
	switch data[0] {
	case '[':
		arr, err := model.DecodeArray(data, "clipboard")
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errNoRobots, err)
		}
		for _, a := range arr {
			items = append(items, a)
		}
	case '{':
		obj, err := model.DecodeObject(data, "clipboard")
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errNoRobots, err)
		}
		if raw, ok := obj["ROBOTS"]; ok {
			arr, err := model.DecodeArray(raw, "clipboard.ROBOTS")
			if err != nil {
				return nil, fmt.Errorf("%w: %v", errNoRobots, err)
			}
			for _, a := range arr {
				items = append(items, a)
			}
		} else {
			items = append(items, data)
		}
	default:
		return nil, errNoRobots
	}
	if len(items) == 0 {
		return nil, errNoRobots
	}
	out := make([]*model.Robot, 0, len(items))
	for i, it := range items {
		r, err := model.DecodeRobot(it, fmt.Sprintf("clipboard[%d]", i))
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errNoRobots, err)
		}
		out = append(out, r)
	}
	return out, nil
}
