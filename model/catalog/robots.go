package catalog

// The property keys, types and return values below are those of the Bitrix24 activities
// (bizproc, im, crm, tasks modules); titles are the robot editor's.

// Responsible is the expression Bitrix24 stores for «Ответственный».
const Responsible = "{=Document:ASSIGNED_BY_ID}"

// MessengerAppType is the app robot type of the messenger integration's «Send message» robot.
// App robot types are rest_<md5(APP_ID@CODE)>; this one is the bundled demo app's.
const MessengerAppType = "rest_5b1a5f0b6c0d4b0b9a3f6c1d2e7a8b90"

func t(ru, en string) Text { return Text{RU: ru, EN: en} }

type propOpt func(*Prop)

func req(p *Prop)   { p.Required = true }
func multi(p *Prop) { p.Multiple = true }
func hidden(p *Prop) {
	p.Hidden = true
}
func maxLen(n int) propOpt      { return func(p *Prop) { p.MaxLen = n } }
func minInt(n int) propOpt      { return func(p *Prop) { p.Min = n } }
func minItems(n int) propOpt    { return func(p *Prop) { p.MinItems = n } }
func def(v any) propOpt         { return func(p *Prop) { p.Default = v } }
func opts(o ...Option) propOpt  { return func(p *Prop) { p.Options = o } }
func o(v, ru, en string) Option { return Option{Value: v, Title: t(ru, en)} }
func users(v ...string) []any {
	a := make([]any, len(v))
	for i, s := range v {
		a[i] = s
	}
	return a
}
func responsible() propOpt { return def(users(Responsible)) }

func p(key string, title Text, kind Kind, o ...propOpt) Prop {
	pr := Prop{Key: key, Title: title, Kind: kind}
	for _, f := range o {
		f(&pr)
	}
	return pr
}

var attachmentType = opts(o("file", "Файл документа", "Document file"), o("disk", "Диск", "Drive"))

var imTemplates = opts(
	o("plain", "Обычное сообщение", "Plain message"),
	o("news", "Новость", "News"),
	o("notify", "Уведомление", "Notification"),
	o("important", "Важное сообщение", "Important message"),
	o("alert", "Предупреждение", "Alert"),
)

var robots = []*Robot{
	// Employees.
	{
		Type: "SocNetMessageActivity", Category: Employees,
		Title:       t("Добавить уведомление", "Send notification"),
		Description: t("Отправляет уведомление сотрудникам или отделу", "Notifies employees or a department"),
		Responsible: "MessageUserTo",
		Props: []Prop{
			p("MessageText", t("Текст уведомления", "Message text"), TextKind, req),
			p("MessageUserFrom", t("Отправитель", "Sender"), User, req, def(users("user_1"))),
			p("MessageUserTo", t("Получатель", "Recipient"), User, req, multi, responsible()),
			p("MessageFormat", t("Формат", "Format"), String, hidden, def("robot")),
		},
	},
	{
		Type: "CrmControlNotifyActivity", Category: Employees,
		Title:       t("Уведомление (контроль)", "Control notification"),
		Description: t("Уведомляет сотрудников и их руководителей", "Notifies employees and their heads"),
		Responsible: "ToUsers",
		Props: []Prop{
			p("MessageText", t("Текст уведомления", "Message text"), TextKind, req),
			p("ToUsers", t("Кому", "To"), User, multi, responsible()),
			p("ToHead", t("Руководителю", "To head"), Bool, def("Y")),
		},
	},
	{
		Type: "CrmTimelineCommentAdd", Category: Employees,
		Title:       t("Добавить комментарий в элемент", "Add comment to item"),
		Description: t("Пишет комментарий в таймлайн карточки", "Writes a comment to the item's timeline"),
		Props: []Prop{
			p("CommentText", t("Текст комментария", "Comment text"), TextKind, req),
			p("CommentUser", t("Автор", "Author"), User, req, responsible()),
		},
	},
	{
		Type: "SocnetBlogPostActivity", Category: Employees,
		Title:       t("Добавить новость", "Add news feed post"),
		Description: t("Публикует сообщение в ленте новостей", "Posts a message to the activity stream"),
		Returns: []Return{
			{Key: "PostId", Title: t("ID сообщения", "Post ID"), Kind: Int},
			{Key: "PostUrl", Title: t("Ссылка на сообщение", "Post URL"), Kind: URL},
			{Key: "PostUrlBb", Title: t("Ссылка на сообщение (BB-код)", "Post URL (BB code)"), Kind: String},
		},
		Props: []Prop{
			p("OwnerId", t("Автор", "Author"), User, req, responsible()),
			p("UsersTo", t("Получатели", "Recipients"), User, req, multi),
			p("PostTitle", t("Тема", "Subject"), String),
			p("PostMessage", t("Текст сообщения", "Message text"), TextKind, req),
			p("PostSite", t("Сайт", "Site"), String, hidden, def("s1")),
			p("AttachmentType", t("Тип вложения", "Attachment type"), Select, attachmentType, def("file")),
			p("Attachment", t("Вложения", "Attachments"), File, multi),
			p("Tags", t("Теги", "Tags"), String),
		},
	},
	{
		Type: "ImCreateGroupChatActivity", Category: Employees,
		Title:       t("Создать групповой чат", "Create group chat"),
		Description: t("Создает групповой чат с участниками", "Creates a group chat with members"),
		Returns:     []Return{{Key: "ChatId", Title: t("ID чата", "Chat ID"), Kind: Int}},
		Props: []Prop{
			p("ChatName", t("Название чата", "Chat name"), String, req),
			p("Members", t("Участники", "Members"), User, req, multi, minItems(2), responsible()),
		},
	},
	{
		Type: "ImAddMemberToGroupChatActivity", Category: Employees,
		Title:       t("Добавить участников в групповой чат", "Add members to group chat"),
		Description: t("Добавляет сотрудников в чат, созданный роботом", "Adds employees to a chat a robot created"),
		Props: []Prop{
			p("ChatId", t("Чат", "Chat"), Chat, req),
			p("Members", t("Добавить участников", "Members to add"), User, req, multi),
			p("ShowHistory", t("Показать историю диалога", "Show chat history"), Bool, def("Y")),
		},
	},
	{
		Type: "ImAddMessageToGroupChatActivity", Category: Employees,
		Title:       t("Отправить сообщение в групповой чат", "Send message to group chat"),
		Description: t("Пишет в закрытый групповой чат от имени сотрудника", "Posts to a closed group chat as an employee"),
		Props: []Prop{
			p("ChatId", t("Чат", "Chat"), Chat, req),
			p("FromMember", t("Отправитель", "Sender"), User, req, responsible()),
			p("MessageTemplate", t("Вид сообщения", "Message type"), Select, req, imTemplates, def("plain")),
			p("MessageFields.MessageText", t("Текст сообщения", "Message text"), TextKind, req),
		},
	},
	{
		Type: "ImMessageActivity", Category: Employees,
		Title:       t("Отправить сообщение в личный чат", "Send message to personal chat"),
		Description: t("Пишет сотруднику в личный чат", "Writes to an employee's personal chat"),
		Responsible: "MessageUserTo",
		Props: []Prop{
			p("MessageUserFrom", t("Отправитель", "Sender"), User, req, def(users("user_1"))),
			p("MessageUserTo", t("Получатель", "Recipient"), User, req, multi, responsible()),
			p("MessageTemplate", t("Вид сообщения", "Message type"), Select, req, imTemplates, def("plain")),
			p("MessageFields.MessageText", t("Текст сообщения", "Message text"), TextKind, req),
		},
	},
	{
		Type: "MailActivity", Category: Employees,
		Title:       t("Отправить письмо сотруднику", "Send e-mail to employee"),
		Description: t("Отправляет письмо на e-mail сотрудника", "Sends an e-mail to an employee"),
		Responsible: "MailUserToArray",
		Props: []Prop{
			p("MailUserFromArray", t("От кого", "From"), User, req, def(users("user_1"))),
			p("MailUserToArray", t("Кому", "To"), User, req, multi, responsible()),
			p("MailSubject", t("Тема письма", "Subject"), String, req),
			p("MailText", t("Текст письма", "Message text"), TextKind, req),
			p("MailMessageType", t("Тип письма", "Message type"), Select, opts(o("plain", "Текст", "Text"), o("html", "HTML", "HTML")), def("plain")),
			p("MailCharset", t("Кодировка", "Charset"), String, hidden, def("UTF-8")),
			p("DirrectMail", t("Отправлять напрямую", "Send directly"), Bool, hidden, def("Y")),
			p("MailSite", t("Сайт", "Site"), String, hidden, def("s1")),
			p("FileType", t("Тип вложения", "Attachment type"), Select, attachmentType, def("file")),
			p("File", t("Вложения", "Attachments"), File, multi),
		},
	},
	{
		Type: "CrmSendSmsActivity", Category: Employees, Preset: map[string]string{"RecipientType": "user"},
		Title:       t("Отправить SMS сотруднику", "Send SMS to employee"),
		Description: t("Отправляет SMS сотруднику, до 200 символов", "Texts an employee, up to 200 characters"),
		Responsible: "RecipientUser",
		Props: []Prop{
			p("MessageText", t("Текст сообщения", "Message text"), TextKind, req, maxLen(200)),
			p("RecipientUser", t("Сотрудник", "Employee"), User, req, responsible()),
			p("ProviderId", t("Провайдер", "Provider"), String, req, def(":default:")),
			p("RecipientType", t("Получатель", "Recipient type"), Select, hidden, opts(o("user", "Сотрудник", "Employee"), o("entity", "Клиент", "Client"))),
		},
	},
	{
		Type: "Task2Activity", Category: Employees,
		Title:       t("Поставить задачу", "Create task"),
		Description: t("Ставит задачу ответственному", "Creates a task"),
		Responsible: "Fields.RESPONSIBLE_ID",
		Returns: []Return{
			{Key: "TaskId", Title: t("ID задачи", "Task ID"), Kind: Int},
			{Key: "ClosedBy", Title: t("Кто завершил", "Closed by"), Kind: User},
			{Key: "ClosedDate", Title: t("Дата завершения", "Closed on"), Kind: DateTime},
		},
		Props: []Prop{
			p("Fields.TITLE", t("Название", "Title"), String, req),
			p("Fields.DESCRIPTION", t("Описание", "Description"), TextKind),
			p("Fields.CREATED_BY", t("Постановщик", "Created by"), User, req, def("user_1")),
			p("Fields.RESPONSIBLE_ID", t("Исполнитель", "Assignee"), User, req, def(Responsible)),
			p("Fields.ACCOMPLICES", t("Соисполнители", "Participants"), User, multi),
			p("Fields.AUDITORS", t("Наблюдатели", "Observers"), User, multi),
			p("Fields.DEADLINE", t("Крайний срок", "Deadline"), DateTime),
			p("Fields.PRIORITY", t("Важная задача", "High priority"), Select, opts(o("1", "Обычная", "Normal"), o("2", "Высокая", "High")), def("1")),
			p("Fields.ALLOW_CHANGE_DEADLINE", t("Разрешить менять сроки", "Allow deadline changes"), Bool, def("Y")),
			p("Fields.TASK_CONTROL", t("Принять работу после завершения", "Review on completion"), Bool, def("N")),
			p("HoldToClose", t("Ждать завершения задачи", "Wait for completion"), Bool, def("N")),
			p("AUTO_LINK_TO_CRM_ENTITY", t("Привязать к элементу CRM", "Link to CRM item"), Bool, def("Y")),
		},
	},
	// Clients.
	{
		Type: "CrmSendEmailActivity", Category: Clients, ClientFacing: true,
		Title:       t("Отправить письмо клиенту", "Send e-mail to client"),
		Description: t("Отправляет письмо клиенту из карточки", "E-mails the item's client"),
		Props: []Prop{
			p("Subject", t("Тема", "Subject"), String, req),
			p("MessageText", t("Текст письма", "Message text"), TextKind, req),
			p("MessageTextType", t("Формат текста", "Text format"), Select, opts(o("bbcode", "BB-код", "BB code"), o("html", "HTML", "HTML")), def("bbcode")),
			p("MessageFrom", t("От кого", "From"), String),
			p("EmailType", t("Тип адреса", "Address type"), String),
			p("EmailSelectRule", t("Какой адрес", "Which address"), Select, opts(o("first", "Первый", "First"), o("last", "Последний", "Last")), def("first")),
			p("UseLinkTracker", t("Отслеживать переходы", "Track links"), Bool, def("Y")),
			p("AttachmentType", t("Тип вложения", "Attachment type"), Select, attachmentType, def("file")),
			p("Attachment", t("Вложения", "Attachments"), File, multi),
		},
	},
	{
		Type: "CrmSendSmsActivity", Category: Clients, Preset: map[string]string{"RecipientType": "entity"}, ClientFacing: true,
		Title:       t("Отправить SMS клиенту", "Send SMS to client"),
		Description: t("Отправляет SMS на телефон клиента", "Texts the client's phone"),
		Props: []Prop{
			p("MessageText", t("Текст сообщения", "Message text"), TextKind, req),
			p("ProviderId", t("Провайдер", "Provider"), String, req, def(":default:")),
			p("PhoneType", t("Тип телефона", "Phone type"), String),
			p("RecipientType", t("Получатель", "Recipient type"), Select, hidden, opts(o("user", "Сотрудник", "Employee"), o("entity", "Клиент", "Client"))),
		},
	},
	{
		Type: "CrmCreateCallActivity", Category: Clients,
		Title:       t("Запланировать звонок", "Schedule call"),
		Description: t("Создает дело «Звонок»", "Creates a call activity"),
		Responsible: "Responsible",
		Returns:     []Return{{Key: "Id", Title: t("ID дела", "Activity ID"), Kind: Int}},
		Props:       scheduleProps(p("StartTime", t("Начало", "Start"), DateTime, def("{=System:Now}"))),
	},
	{
		Type: "CrmCreateMeetingActivity", Category: Clients,
		Title:       t("Запланировать встречу", "Schedule meeting"),
		Description: t("Создает дело «Встреча»", "Creates a meeting activity"),
		Responsible: "Responsible",
		Returns:     []Return{{Key: "Id", Title: t("ID дела", "Activity ID"), Kind: Int}},
		Props: scheduleProps(p("StartTime", t("Начало", "Start"), DateTime, req),
			p("Location", t("Место", "Location"), String)),
	},
	{
		Type: "CrmCreateToDoActivity", Category: Clients,
		Title:       t("Создать дело", "Create to-do"),
		Description: t("Создает универсальное дело с крайним сроком", "Creates a to-do with a deadline"),
		Responsible: "Responsible",
		Returns:     []Return{{Key: "Id", Title: t("ID дела", "Activity ID"), Kind: Int}},
		Props: []Prop{
			p("Subject", t("Тема", "Subject"), String),
			p("Description", t("Описание", "Description"), TextKind, req),
			p("Deadline", t("Крайний срок", "Deadline"), DateTime, def("{=System:Now}")),
			p("Responsible", t("Ответственный", "Responsible"), User, req, def(Responsible)),
			p("Colleagues", t("Коллеги", "Colleagues"), User, multi),
			p("AutoComplete", t("Закрыть при смене стадии", "Complete on stage change"), Bool, def("N")),
			p("Duration", t("Длительность, мин", "Duration, min"), Int),
		},
	},
	{
		Type: MessengerAppType, Category: Clients, App: true, ClientFacing: true, FirstMessage: true,
		Title:       t("[OLChat] Отправить сообщение", "[OLChat] Send message"),
		Description: t("Пишет клиенту в WhatsApp через приложение", "Messages the client on WhatsApp through the app"),
		Props: []Prop{
			p("line", t("Линия", "Line"), String, req),
			p("phone", t("Телефон", "Phone"), String, req, def("{=Document:PHONE_PRINTABLE}")),
			p("message", t("Текст сообщения", "Message text"), TextKind, req),
		},
	},
	// Ads.
	{
		Type: "CrmCreateAdsActivityVk", Category: Ads,
		Title:       t("Добавить в аудиторию ВКонтакте", "Add to VK audience"),
		Description: t("Добавляет клиента в рекламную аудиторию", "Adds the client to an ad audience"),
		Props:       adsProps(),
	},
	{
		Type: "CrmCreateAdsActivityGa", Category: Ads,
		Title:       t("Добавить в аудиторию Google", "Add to Google audience"),
		Description: t("Добавляет клиента в рекламную аудиторию", "Adds the client to an ad audience"),
		Props:       adsProps(),
	},
	// Other.
	{
		Type: "CrmChangeStatusActivity", Category: Other,
		Title:       t("Сменить стадию", "Change stage"),
		Description: t("Переводит элемент на другую стадию", "Moves the item to another stage"),
		Props: []Prop{
			p("TargetStatus", t("Стадия", "Stage"), Stage, req),
			p("ModifiedBy", t("Изменить от имени", "Modify as"), User, def(Responsible)),
		},
	},
	{
		Type: "CrmChangeResponsibleActivity", Category: Other,
		Title:       t("Сменить ответственного", "Change responsible"),
		Description: t("Назначает нового ответственного", "Assigns a new responsible person"),
		Props: []Prop{
			p("Responsible", t("Новый ответственный", "New responsible"), User, req, multi),
			p("ModifiedBy", t("Изменить от имени", "Modify as"), User, def(Responsible)),
			p("GetterType", t("Как выбрать", "Pick"), Select, opts(o("r", "Случайно", "Random"), o("f", "Первого", "First"), o("s", "По очереди", "In turn")), def("r")),
			p("SkipAbsent", t("Пропускать отсутствующих", "Skip absent"), Bool, def("N")),
			p("SkipTimeMan", t("Пропускать не начавших рабочий день", "Skip not clocked in"), Bool, def("N")),
		},
	},
	{
		Type: "CrmCreateDynamicActivity", Category: Other,
		Title:       t("Создать элемент CRM", "Create CRM item"),
		Description: t("Создает сделку или элемент смарт-процесса", "Creates a deal or smart process item"),
		Returns: []Return{
			{Key: "ItemId", Title: t("ID элемента", "Item ID"), Kind: Int},
			{Key: "ErrorMessage", Title: t("Текст ошибки", "Error message"), Kind: String},
		},
		Props: []Prop{
			p("DynamicTypeId", t("Тип элемента", "Item type"), Int, req, def("2")),
			p("DynamicEntitiesFields", t("Поля элемента", "Item fields"), Fields),
			p("OnlyDynamicEntities", t("Только смарт-процессы", "Smart processes only"), Bool, hidden, def("N")),
		},
	},
	{
		Type: "WebHookActivity", Category: Other,
		Title:       t("Исходящий вебхук", "Outgoing webhook"),
		Description: t("Вызывает внешний адрес с данными элемента", "Calls an external URL with the item's data"),
		Props: []Prop{
			p("Handler", t("Адрес обработчика", "Handler URL"), URL, req),
		},
	},
	{
		Type: "CrmWaitActivity", Category: Other,
		Title:       t("Ожидание", "Wait"),
		Description: t("Ждет указанное число дней или дату", "Waits a number of days or until a date"),
		Props: []Prop{
			p("WaitType", t("Тип ожидания", "Wait type"), Select, req, opts(o("after", "Через", "After"), o("before", "До даты", "Before date")), def("after")),
			p("WaitDuration", t("Дней", "Days"), Int, req, minInt(1), def("1")),
			p("WaitTarget", t("Дата", "Date field"), Field),
			p("WaitDescription", t("Комментарий", "Comment"), TextKind),
		},
	},
}

// scheduleProps are the properties of a scheduled call or meeting: the activity's subject and
// time, a reminder, and who is responsible.
func scheduleProps(start Prop, extra ...Prop) []Prop {
	props := []Prop{
		p("Subject", t("Тема", "Subject"), String, req),
		start,
		p("EndTime", t("Окончание", "End"), DateTime),
	}
	props = append(props, extra...)
	return append(props,
		p("IsImportant", t("Важное", "Important"), Bool, def("N")),
		p("Description", t("Описание", "Description"), TextKind),
		p("NotifyType", t("Напомнить за", "Remind in"), Select, opts(o("1", "минут", "minutes"), o("2", "часов", "hours"), o("3", "дней", "days")), def("1")),
		p("NotifyValue", t("Напоминание", "Reminder"), Int, def("15")),
		p("Responsible", t("Ответственный", "Responsible"), User, req, def(Responsible)),
		p("AutoComplete", t("Закрыть при смене стадии", "Complete on stage change"), Bool, def("N")),
	)
}

func adsProps() []Prop {
	return []Prop{
		p("clientId", t("Кабинет", "Client"), String),
		p("accountId", t("Рекламный аккаунт", "Ad account"), String),
		p("audienceId", t("Аудитория", "Audience"), String),
		p("audiencePhoneId", t("Аудитория по телефонам", "Phone audience"), String),
		p("audienceEmailId", t("Аудитория по e-mail", "E-mail audience"), String),
		p("autoRemoveDayNumber", t("Удалить из аудитории через, дней", "Remove after, days"), Int, def("7")),
	}
}
