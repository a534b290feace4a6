package ui

import "robodesk/model"

func stageRef(entity, status string) model.StageRef {
	return model.StageRef{Entity: entity, Status: status}
}
