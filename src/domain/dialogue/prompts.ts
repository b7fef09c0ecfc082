import type { Locale } from "./actions.js";

/**
 * Everything the hotline says, zh-CN first, English second. Sentences are short: a caller hears
 * them once, so details go in the SMS. Nothing a caller said is ever pasted into a prompt; only
 * KB texts, dates and our own words are.
 */

const zh = {
  notice: (city: string) =>
    `您好，这里是${city}12345政务服务便民热线。本次通话将被录音，您提供的个人信息仅用于办理您的诉求。`,
  elderlyKey: "老年朋友请按9。",
  open: "请直接说出您要办理的业务，转人工请按0。",
  openSilver: "请您慢慢说，要办什么事。找人工请按0，重听请按星号键。",
  anythingElse: "请问还有什么可以帮您？转人工请按0。",
  anythingElseSilver: "还有别的事吗？找人工请按0。",
  recogAppointment: (when: string, hall: string, item: string) => `您${when}在${hall}有一个${item}的预约。`,
  recogReady: (doc: string, hall: string) => `您的${doc}已经办好，可以到${hall}领取。`,
  recogEvent: (event: string, done: string, next: string) => `您的${event}，${done}已经办好，下一步是${next}。`,
  noInput1: "您好，请问您要办理什么业务？转人工请按0。",
  noInput2:
    "抱歉，没有听到您的声音。您可以直接说，比如“补办身份证”或“预约办护照”。如果还是听不到，我将为您转接人工服务。",
  noMatch1: "抱歉，我没有听明白，请换个说法再说一遍。转人工请按0。",
  noMatch2: "抱歉，还是没有听明白。您可以说得简单一些，比如“补办身份证”“查护照进度”。如果还不行，我会为您转接人工。",
  yesNoHelp: "需要请按1或说“好的”，不需要请按2或说“不用”。",
  notHeard: "抱歉，没有听到您的回答。",
  notUnderstood: "抱歉，我没有听明白。",
  lastChance: "如果还是不行，我会为您转接人工服务。",
  handoff: "好的，正在为您转接人工服务，请稍候。",
  handoffElderly: "好的，正在为您转接老年人专席，请稍候。",
  handoffPriority: "非常抱歉给您带来不便，正在优先为您转接人工服务，请稍候。",
  handoffAfterTrouble: "抱歉没能帮到您，正在为您转接人工服务，请稍候。",
  handoffFailed: "抱歉，人工坐席暂时都在忙。您可以继续告诉我要办的事，也可以稍后再拨。",
  smsOffer: "需要把完整的材料清单、办理地点和排队情况发短信给您吗？需要请按1或说“好的”。",
  smsOfferProgress: "需要把领取地点和要带的材料发短信给您吗？需要请按1或说“好的”。",
  smsSent: "短信已经发送，请注意查收。",
  smsAlready: "这条短信刚才已经发过了，请查收。",
  smsUnavailable: "抱歉，暂时无法发送短信，您可以到政务服务网查看详细说明。",
  elderlyWelcome: "需要直接为您转接老年人专席吗？需要请按1，也可以直接说您要办的事。",
  elderlyOffer: "好的，我会说得慢一些。需要直接为您转接老年人专席吗？需要请按1或说“好的”，也可以直接说您要办的事。",
  englishOn: "Yes, I can help you in English. Please tell me what you need, or press 0 for an agent.",
  chineseOn: "好的，我们用中文交流。",
  injection: "抱歉，我不能提供他人的信息、通话记录或系统内部信息。我可以帮您咨询证件和政务服务怎么办。请问您要办什么？",
  thirdParty:
    "抱歉，别人的户籍、证件和办理信息属于个人信息，只能由本人或经本人委托授权的人查询，电话里不能提供。如果您自己有要办的事，我可以帮您。",
  thirdPartyAgain:
    "理解您的心情，但他人的信息只能由本人或持授权委托的人办理查询，可以请他本人来电，或带上授权材料到窗口办理。请问您自己有什么要办的吗？",
  outOfScope:
    "抱歉，这个问题不在本热线的服务范围。我可以帮您咨询证件和政务服务怎么办，也可以预约、查办理进度。请问您要办什么？",
  capability:
    "本热线可以告诉您身份证、护照、户口、社保卡、驾驶证等证件和政务服务怎么办，也可以帮您预约、查询办理进度。请说您要办的事。",
  phatic: "您好，能听到。请直接说您要办理的业务。",
  thisIsHotline: (city: string) =>
    `是的，这里是${city}12345政务服务便民热线，证件和政务服务都可以问。请直接说您要办理的业务。`,
  callbackOffer: "回电和上门需要工作人员登记安排。需要为您转接人工吗？需要请按1或说“好的”。",
  noted: "好的，记下了。",
  idNotNeeded: "咨询怎么办理不需要提供身份证号码，请注意保护个人信息。",
  verifyIntroBooking: "预约需要先核实您的身份。",
  verifyIntroChange: "修改预约需要先核实您的身份。",
  clarify: (a: string, b: string) => `请问您是想办${a}，还是${b}？第一个请按1，第二个请按2。`,
  confirmIntent: (name: string) => `您是要咨询${name}，对吗？`,
  complaintRecorded: "您反映的情况我已经记录下来了。需要为您转接人工，由工作人员登记并跟进吗？需要请按1或说“好的”。",
  complaintMore: "好的，已经补充记录。需要为您转接人工登记跟进吗？需要请按1或说“好的”。",
  complaintNoHuman: "好的，您的意见已经记录，会转给相关部门。",
  goodbye: "感谢您的来电，再见。",
  offerHuman: "需要为您转接人工吗？需要请按1或说“好的”。",
  notInKb: (name: string) => `${name}的办理说明我这里暂时没有。`,
  verifyIntro: "查询办理详情需要先核实您的身份。",
  verifyLast4: "请用手机按键输入您身份证号码的最后四位，字母X请按星号键。",
  verifyFullId: "请用手机按键输入您的18位身份证号码，字母X请按星号键，输完请按井号键。",
  verifyWrongLast4: "号码不匹配，请重新输入身份证号码的最后四位。",
  verifyBadCheck: "您输入的身份证号码校验不通过，可能有一位输错了，请核对后重新输入。",
  verifyBadLength: "号码位数不对，请重新输入18位身份证号码。",
  verifyCodeSent: "如果这个身份证号码登记了手机，验证码已经发到那个手机上。请输入短信里的6位验证码。",
  verifyWrongCode: "验证码不正确，请重新输入6位验证码。",
  verifyFailed:
    "抱歉，身份没有核实成功。为了保护您的信息，电话里不能告诉您办理详情。需要为您转接人工吗？需要请按1或说“好的”。",
  verified: "身份核实成功。",
  spokenIdReadBack: (last4: string) =>
    `您说的身份证号码尾号是${last4}，为了安全，请用手机按键重新输入完整号码，字母X请按星号键。`,
  progressNone: "没有查到您名下正在办理的申请。",
  progress: (doc: string, status: string) => `您的${doc}${status}。`,
  status: {
    accepted: "已经受理，正在审核",
    reviewing: "正在审核",
    producing: "已经审核通过，正在制证",
    returned: "需要补正材料，请按短信提示补充",
    ready: "已经办好，可以领取",
    collected: "已经领取",
    rejected: "没有通过审核，请到窗口咨询原因",
  } as Record<string, string>,
  statusUnknown: "正在办理中",
  pickup: (hall: string) => `请带本人身份证到${hall}领取。`,
  familyProgress: "查询家人的办理进度，需要家人本人来电核实身份，或者在窗口登记授权委托。",
  apptAskItem: "请问您要预约办理什么业务？",
  apptAskDateTime: "请问您想约哪一天、大概几点？",
  apptAskDate: "请问您想约哪一天？",
  apptAskTime: "请问您想约几点？",
  apptAskHall: (options: string) => `可以在${options}办理，请问您要去哪一个？`,
  apptClosed: (date: string) => `${date}大厅不办公，请换一天。`,
  apptFull: (date: string, options: string) => `${date}这个时间已经约满了，可以约${options}，您要哪个时间？`,
  apptOffer: (when: string, options: string) => `${when}可以约${options}，您要哪个时间？`,
  apptDayFull: (date: string) => `${date}已经约满了，请换一天。`,
  apptPast: "这个日期已经过去了，请说一个以后的日期。",
  apptConfirm: (date: string, time: string, hall: string, item: string) =>
    `为您预约：${date}${time}，${hall}，办理${item}。确认请按1或说“对”，要修改请直接说。`,
  apptRescheduleConfirm: (date: string, time: string, hall: string) =>
    `把您的预约改到${date}${time}，${hall}，对吗？确认请按1或说“对”，要修改请直接说。`,
  apptCancelConfirm: (date: string, time: string, hall: string, item: string) =>
    `要取消您${date}${time}在${hall}办理${item}的预约，对吗？确认请按1或说“对”。`,
  apptBooked: (date: string, time: string, hall: string) => `预约成功：${date}${time}，${hall}。请带身份证准时到场。`,
  apptRescheduled: (date: string, time: string, hall: string) =>
    `已经为您改好：${date}${time}，${hall}，原来的预约不再保留。`,
  apptCancelled: "已为您取消预约。",
  apptFailed: "抱歉，预约没有成功，这个时间可能刚被约走了，请换个时间。",
  apptNothingToChange: "没有找到您在本次通话中可以修改的预约。",
  apptNotChanged: "好的，预约没有改动。",
  apptDuplicate: (item: string) => `您已经有一个${item}的预约了，如需改时间请说“改约”。`,
  apptList: (items: string) => `您的预约：${items}。`,
  apptNone: "没有查到您的预约。",
  apptWhichItem: "请问您要约哪项业务？比如换身份证、办护照。",
};

export type Prompts = typeof zh;

const en: Prompts = {
  notice: (city) =>
    `Hello, this is the ${city} 12345 citizen service hotline. This call is recorded, and the personal information you give is used only to handle your request.`,
  elderlyKey: "Older callers, please press 9.",
  open: "Please tell me what you need in your own words, or press 0 for an agent.",
  openSilver: "Please tell me slowly what you need. Press 0 for an agent, or star to hear this again.",
  anythingElse: "Is there anything else I can help with? Press 0 for an agent.",
  anythingElseSilver: "Anything else? Press 0 for an agent.",
  recogAppointment: (when, hall, item) => `You have an appointment for ${item} ${when} at ${hall}.`,
  recogReady: (doc, hall) => `Your ${doc} is ready for collection at ${hall}.`,
  recogEvent: (event, done, next) => `For ${event}: ${done} is done; the next step is ${next}.`,
  noInput1: "Hello, what can I help you with? Press 0 for an agent.",
  noInput2:
    "Sorry, I cannot hear you. You can say, for example, 'replace my ID card'. If I still cannot hear you, I will put you through to an agent.",
  noMatch1: "Sorry, I did not understand. Could you say it another way? Press 0 for an agent.",
  noMatch2:
    "Sorry, I still did not understand. Try something short, like 'passport renewal'. If that does not work, I will put you through to an agent.",
  yesNoHelp: "Press 1 or say yes; press 2 or say no.",
  notHeard: "Sorry, I did not hear an answer.",
  notUnderstood: "Sorry, I did not understand.",
  lastChance: "If that does not work, I will put you through to an agent.",
  handoff: "Putting you through to an agent, please hold.",
  handoffElderly: "Putting you through to our seniors' line, please hold.",
  handoffPriority: "I am sorry for the trouble. Putting you through to an agent with priority, please hold.",
  handoffAfterTrouble: "Sorry I could not help. Putting you through to an agent, please hold.",
  handoffFailed: "Sorry, all agents are busy. You can keep telling me what you need, or call again later.",
  smsOffer: "Shall I text you the full checklist, the hall and the queue? Press 1 or say yes.",
  smsOfferProgress: "Shall I text you where to collect it and what to bring? Press 1 or say yes.",
  smsSent: "The text message has been sent.",
  smsAlready: "That text was already sent a moment ago.",
  smsUnavailable: "Sorry, I cannot send text messages right now; the details are on the government service website.",
  elderlyWelcome: "Shall I put you straight through to our seniors' line? Press 1, or just tell me what you need.",
  elderlyOffer:
    "Of course, I will speak more slowly. Shall I put you through to our seniors' line? Press 1 or say yes, or just tell me what you need.",
  englishOn: "Yes, I can help you in English. Please tell me what you need, or press 0 for an agent.",
  chineseOn: "好的，我们用中文交流。",
  injection:
    "Sorry, I cannot give out other people's data, call records or system information. I can help with documents and government services. What do you need?",
  thirdParty:
    "Sorry, another person's records are personal information: only that person, or someone they have authorised, can ask about them. If you need something for yourself, I can help.",
  thirdPartyAgain:
    "I understand, but another person's information is only given to them or to someone holding their written authorisation. What do you need for yourself?",
  outOfScope:
    "Sorry, that is outside what this hotline covers. I can help with documents and government services, appointments and progress. What do you need?",
  capability:
    "This hotline tells you how to get ID cards, passports, household registration, social security cards, driving licences and other services, and can book appointments and check progress. What do you need?",
  phatic: "Yes, I can hear you. Please tell me what you need.",
  thisIsHotline: (city) => `Yes, this is the ${city} 12345 citizen service hotline. Please tell me what you need.`,
  callbackOffer:
    "A call back or a home visit has to be arranged by our staff. Shall I put you through to an agent? Press 1 or say yes.",
  noted: "Noted.",
  idNotNeeded: "You do not need to give your ID number to ask how something is done; please keep it to yourself.",
  verifyIntroBooking: "To book, I first need to verify your identity.",
  verifyIntroChange: "To change an appointment, I first need to verify your identity.",
  clarify: (a, b) => `Do you mean ${a}, or ${b}? Press 1 for the first, 2 for the second.`,
  confirmIntent: (name) => `You are asking about ${name}, is that right?`,
  complaintRecorded:
    "I have recorded what you told us. Shall I put you through to an agent to register it and follow up? Press 1 or say yes.",
  complaintMore: "I have added that. Shall I put you through to an agent to follow up? Press 1 or say yes.",
  complaintNoHuman: "Your feedback has been recorded and will be passed on.",
  goodbye: "Thank you for calling. Goodbye.",
  offerHuman: "Shall I put you through to an agent? Press 1 or say yes.",
  notInKb: (name) => `I do not have the details of ${name} yet.`,
  verifyIntro: "To tell you the details I first need to verify your identity.",
  verifyLast4: "Please key in the last four characters of your ID number; press star for X.",
  verifyFullId: "Please key in your 18-character ID number; press star for X and hash when done.",
  verifyWrongLast4: "That does not match. Please key in the last four characters again.",
  verifyBadCheck:
    "That ID number does not pass the check; one digit may be wrong. Please check it and key it in again.",
  verifyBadLength: "That is not the right length. Please key in all 18 characters.",
  verifyCodeSent:
    "If that ID number has a registered phone, a code has been sent to it. Please key in the 6-digit code.",
  verifyWrongCode: "That code is not right. Please key in the 6-digit code again.",
  verifyFailed:
    "Sorry, I could not verify your identity, so I cannot give details by phone. Shall I put you through to an agent? Press 1 or say yes.",
  verified: "Thank you, you are verified.",
  spokenIdReadBack: (last4) =>
    `The number you said ends in ${last4}. For your safety, please key in the full number instead; press star for X.`,
  progressNone: "I found no application in progress in your name.",
  progress: (doc, status) => `Your ${doc} ${status}.`,
  status: {
    accepted: "has been received and is being reviewed",
    reviewing: "is being reviewed",
    producing: "has been approved and is being produced",
    returned: "needs more documents; please follow the text message",
    ready: "is ready for collection",
    collected: "has been collected",
    rejected: "was not approved; please ask at the counter",
  },
  statusUnknown: "is in progress",
  pickup: (hall) => `Please bring your ID card to ${hall}.`,
  familyProgress:
    "To check a family member's application, they need to call and verify themselves, or register an authorisation at a counter.",
  apptAskItem: "Which service would you like to book?",
  apptAskDateTime: "Which day and roughly what time would you like?",
  apptAskDate: "Which day would you like?",
  apptAskTime: "What time would you like?",
  apptAskHall: (options) => `You can go to ${options}. Which one would you like?`,
  apptClosed: (date) => `The hall is closed ${date}. Please choose another day.`,
  apptFull: (date, options) => `That time ${date} is fully booked. I can offer ${options}. Which would you like?`,
  apptOffer: (when, options) => `${when} I can offer ${options}. Which would you like?`,
  apptDayFull: (date) => `${date} is fully booked. Please choose another day.`,
  apptPast: "That date has passed. Please choose a later date.",
  apptConfirm: (date, time, hall, item) =>
    `Booking ${item} on ${date} at ${time}, ${hall}. Press 1 or say yes to confirm, or tell me what to change.`,
  apptRescheduleConfirm: (date, time, hall) =>
    `Moving your appointment to ${date} at ${time}, ${hall}. Press 1 or say yes to confirm, or tell me what to change.`,
  apptCancelConfirm: (date, time, hall, item) =>
    `Cancel your appointment for ${item} on ${date} at ${time}, ${hall}? Press 1 or say yes.`,
  apptBooked: (date, time, hall) => `Booked: ${date} at ${time}, ${hall}. Please bring your ID card.`,
  apptRescheduled: (date, time, hall) => `Changed: ${date} at ${time}, ${hall}. The old time is released.`,
  apptCancelled: "Your appointment is cancelled.",
  apptFailed: "Sorry, the booking did not go through; that time may have just been taken. Please choose another time.",
  apptNothingToChange: "I found no appointment from this call that I can change.",
  apptNotChanged: "All right, the appointment is unchanged.",
  apptDuplicate: (item) => `You already have an appointment for ${item}; say "change" to move it.`,
  apptList: (items) => `Your appointments: ${items}.`,
  apptNone: "I found no appointments.",
  apptWhichItem: "Which service is it for, for example an ID card renewal or a passport?",
};

export const PROMPTS: Record<Locale, Prompts> = { zh, en };
export const t = (locale: Locale): Prompts => PROMPTS[locale];

/** What a document is called by ear, from an item code's prefix ("passport.apply" → 护照). */
const DOCUMENTS: Record<string, [string, string]> = {
  passport: ["护照", "passport"],
  "id-card": ["身份证", "ID card"],
  "hk-macao-permit": ["港澳通行证", "Hong Kong and Macao permit"],
  "taiwan-permit": ["台湾通行证", "Taiwan permit"],
  "driving-licence": ["驾驶证", "driving licence"],
  ssc: ["社保卡", "social security card"],
  "residence-permit": ["居住证", "residence permit"],
  "no-criminal-record": ["无犯罪记录证明", "certificate of no criminal record"],
  "hukou.certificate": ["户籍证明", "household registration certificate"],
};

export const documentNoun = (itemCode: string, locale: Locale): string | undefined => {
  const hit = DOCUMENTS[itemCode] ?? DOCUMENTS[itemCode.split(".")[0]!];
  return hit ? hit[locale === "zh" ? 0 : 1] : undefined;
};

export const OPEN_HINTS = [
  "身份证",
  "护照",
  "户口",
  "社保卡",
  "驾驶证",
  "港澳通行证",
  "居住证",
  "预约",
  "进度",
  "转人工",
  "人工",
];
export const YES_NO_HINTS = ["好的", "是的", "对", "可以", "不用", "不是", "转人工"];
