package fake

import (
	"encoding/json"
	"fmt"

	"robodesk/assets"
	"robodesk/model"
)

// ProjectDemo is the portal behind RoboDesk's demo project: the same pipelines, fields, users and
// robots, as if the demo had been pushed once, and then changed on the portal by a colleague:
// one robot edited, one added, one removed. Syncing the demo project against it shows a plan
// with something to take, something to push and a conflict to resolve.
func ProjectDemo() (*Data, error) {
	p, err := assets.DemoProject()
	if err != nil {
		return nil, fmt.Errorf("demo portal: %w", err)
	}
	d := FromPortal(p.Portal)
	for _, ref := range p.Stages() {
		robots := append([]*model.Robot(nil), p.Robots(ref)...)
		switch ref {
		case model.StageRef{Entity: "DEAL", Status: "NEW"}:
			// Edited on the portal: the notification now names the source first.
			r := robots[0].Clone()
			r.Properties["MessageText"] = "Новая заявка с источника «{=Document:SOURCE_ID > printable}»: «{=Document:TITLE}», сумма {=Document:OPPORTUNITY > printable}."
			robots[0] = r
		case model.StageRef{Entity: "DEAL", Status: "WON"}:
			// Added on the portal.
			robots = append(robots, &model.Robot{Name: "A10293_48576_11235_81321", Type: "CrmSendSmsActivity", Activated: true,
				Properties: model.Properties{"Title": "SMS клиенту после оплаты", "MessageText": "Спасибо за покупку в ТоргДом! Сумма заказа: {=Document:OPPORTUNITY > printable}",
					"ProviderId": ":default:", "RecipientType": "entity"}})
		case model.StageRef{Entity: "LEAD", Status: "JUNK"}:
			// Removed on the portal.
			robots = nil
		}
		if robots == nil {
			robots = []*model.Robot{}
		}
		body, err := model.MarshalValue(robots)
		if err != nil {
			return nil, err
		}
		if err := d.SetRobots(ref, json.RawMessage(body)); err != nil {
			return nil, err
		}
	}
	return d, nil
}
