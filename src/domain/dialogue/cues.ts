/**
 * Words that steer the conversation itself rather than name a service: a person please, yes, no,
 * say it again, slower please, English, and the two things a hotline must refuse (instructions
 * smuggled into speech, other people's data). They are fixed grammars, like VoiceXML's universal
 * commands, checked before the NLU's intent so they work at every step whatever the classifier says.
 * Caller text is only ever matched here, never followed.
 */

const strip = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[\s，,。.！!？?、~～…"“”'‘’：:；;（）()]/g, "")
    .replace(/^(嗯+|啊+|呃+|哦+|噢+|额+|那|那个|就)+/, "")
    .replace(/(吧|啊|呀|哈|啦|嘛|呢|的吧)+$/, "");

const HUMAN = /转人工|人工|客服|真人|接线员|话务员|找个人|找人说|找个人说|要个人|跟人说|和人说/;
const HUMAN_EN = /\b(agent|operator|human|representative|real person)\b/i;

const NOT_HUMAN =
  /(不用|不要|别|不需要|无需|不必)(给我|帮我)?(转)?(人工|客服|真人)|no agent|don'?t (need|want) (an )?agent/i;

export const wantsHuman = (text: string): boolean => !NOT_HUMAN.test(text) && (HUMAN.test(text) || HUMAN_EN.test(text));

const YES_WORD =
  "好|好的|好啊|好嘞|行|行的|可以|可以的|对|对的|是|是的|是啊|没错|没问题|嗯|需要|要的|要|发|发吧|发一下|确认|确定|同意|yes|yeah|yep|ok|okay|sure|please|correct|right";
const YES = new RegExp(
  `^(?:${YES_WORD})+(?:谢谢|谢谢你|谢谢您|麻烦你了|麻烦您了|麻烦了|发给我|发我|就这样|就这个|吧)*$`,
);
const QUESTION = /^(是不是|要不要|对不对|好不好|行不行|可不可以|能不能|需不需要)/;
const NO = /^(不|不用|不要|不需要|不是|不对|不行|算了|别|没有|没了|no|nope|nothanks|wrong)/;

export const isYes = (text: string): boolean => {
  if (/^\s*嗯+\s*[。.！!]?\s*$/.test(text)) return true;
  const s = strip(text);
  return s.length > 0 && YES.test(s) && !QUESTION.test(s);
};

export const isNo = (text: string): boolean => {
  const s = strip(text);
  return s.length > 0 && s.length <= 12 && NO.test(s) && !QUESTION.test(s);
};

/** Agreement inside a longer reply ("三点可以，就这样"), for read-back confirmations. */
export const assents = (text: string): boolean =>
  /可以|就这样|就这么|好的|没问题|行|对|确认|yes|ok/i.test(text) && !/不/.test(text);

const REPEAT =
  /再说一遍|再说一次|再讲一遍|重复一下|重复一遍|没听清|没听见|没听到你|你说什么|说的啥|说啥|按几|刚才说|\b(repeat|say that again|pardon)\b/i;
export const wantsRepeat = (text: string): boolean => REPEAT.test(text);

const SILVER =
  /年纪大|岁数大|上了年纪|老了|听不清|听不太清|听不见|说慢点|说慢一点|慢点说|慢一点说|慢慢说|老年人|眼睛不好|眼神不好|耳朵不好|耳背|弄不明白|搞不明白|搞不懂|弄不懂/;
export const wantsSilver = (text: string): boolean => SILVER.test(text);

/** English speech, or a request for English. */
export const wantsEnglish = (text: string): boolean => {
  if (/speak english|english please|in english|说英语|讲英语|英文服务|english/i.test(text)) return true;
  const latin = (text.match(/[a-z]/gi) ?? []).length;
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  return latin >= 6 && latin > han * 3;
};

export const speaksChinese = (text: string): boolean => (text.match(/\p{Script=Han}/gu) ?? []).length >= 2;

const INJECTION = [
  /忽略.{0,8}(指令|指示|提示|规则|设定|要求|限制)/,
  /(系统|你的)?提示词|system\s*prompt|调试模式|开发者模式|管理员模式|debug\s*mode|developer\s*mode/i,
  /ignore\s+(all\s+|the\s+|your\s+)?(previous|prior|above|earlier)/i,
  /(所有人|全部人|每个人|其他人|别人|所有用户|所有市民).{0,8}(电话|号码|手机|身份证|信息|地址|资料)/,
  /(来电|打进来|打来|通话).{0,8}(号码|记录|电话)/,
  /(你现在是|现在你是|从现在起你|扮演|假装你是|act as|pretend)/i,
];
export const isInjection = (text: string): boolean => INJECTION.some((re) => re.test(text));

const OTHER_PERSON = /邻居|对门|楼上|楼下|隔壁|别人|他人|其他人|陌生人|熟人|同事|同学|朋友|外人|这个人|那个人/;
const LOOKUP = /查|告诉我|念|看看|在不在|落在|住哪|住在哪|是不是|号码|电话|住址|地址|信息|进度|办好没|有没有/;
const PRONOUN_DATA = /(他|她)(家|的)?.{0,10}(户口|户籍|身份证|电话|号码|住址|地址|信息|进度|在不在)/;

/** Asking for someone else's data (a neighbour, a stranger), not the caller's own or general rules. */
export const asksAboutOthers = (text: string, alreadyRefused: boolean): boolean => {
  if (/我自己|我本人|我的/.test(text) && !OTHER_PERSON.test(text)) return false;
  if (OTHER_PERSON.test(text) && LOOKUP.test(text)) return true;
  // After one refusal, "他叫…，他户口在不在这儿" is the same request again.
  return alreadyRefused && PRONOUN_DATA.test(text);
};

/** Moving or cancelling an appointment, whatever the classifier made of the sentence. */
export const wantsReschedule = (text: string): boolean =>
  /改到|改成|改在|换到|换成|推迟|提前|改约|改期|改时间|换个时间|换一天|reschedule|move (it|my appointment)/i.test(text);
export const wantsCancel = (text: string): boolean =>
  /取消.{0,4}预约|预约.{0,4}取消|不去了|去不了了|退掉|cancel/i.test(text);

/** "我都有哪些预约", "我约的是哪天": asking what is booked, not booking. */
export const asksAppointments = (text: string): boolean =>
  /(哪些|什么|几个)预约|预约(了)?(哪些|什么|几个)|我的预约|约的是|约在(哪天|几号|什么时候)|预约(是)?(哪天|几号|几点|什么时候)|my appointments|what .*booked/i.test(
    text,
  );

/** "是办证的地方吗", "这是12345吗": checking who answered. */
export const asksWhoWeAre = (text: string): boolean =>
  /是(不是)?(办证|政务|12345|一二三四五|热线|政府|市民热线|便民热线)/.test(text) && text.length <= 20;

/** "回个电话给我", "让社区的人上门": a follow-up by people, which only an agent can arrange. */
export const wantsCallback = (text: string): boolean =>
  /回(个|一个)?电话|回电|打回来|上门|派人|call me back|callback/i.test(text);

const CAPABILITY =
  /(你们|你|热线|这里|这边)[^，。？?]{0,4}(能|可以)(干|做|办|帮)[^，。？?]{0,2}(嘛|啥|什么|哪些)|能干嘛|管(些)?(哪些|什么|啥)|有(哪些|什么)(业务|服务)|服务范围|what can you (do|help)/i;

/** "我的护照办好了吗": the state of an application, whatever the classifier made of it. */
export const asksProgress = (text: string): boolean =>
  /办好了?(吗|没|没有)|好了(吗|没|没有)|进度|办到哪|到哪一步|审核到哪|出证了?(吗|没)|做好了?(吗|没)|能拿到了?吗|什么时候能(拿|取|领)|办得怎么样|怎么样了/.test(
    text,
  );
export const asksCapability = (text: string): boolean => CAPABILITY.test(text);

const PHATIC = /^(喂+|你好|您好|在吗|在不在|有人吗|能听到吗|听得到吗|听得见吗|hello|hi)+$/;
/** "喂？能听到吗" — checking the line, not asking for anything. */
export const isPhatic = (text: string): boolean => {
  const s = strip(text).replace(/刚才|信号不好|你|我/g, "");
  return PHATIC.test(s) || /能听到吗|听得到吗|听得见吗|能听见吗/.test(text);
};

const BYE =
  /^(没有了|没了|没事了|没有别的|不用了|谢谢|谢谢你|好的谢谢|再见|拜拜|就这些|nothing|no thanks|bye|goodbye|thank you|thanks)/;
export const isGoodbye = (text: string): boolean => BYE.test(strip(text));

/** Ordinal answers to "A or B?": 1 / 第一个 / 前面那个. */
export const ordinal = (text: string): number | undefined => {
  const s = strip(text);
  if (/^(1|一|第一|第1|前面|前一个|头一个|first)/.test(s)) return 1;
  if (/^(2|二|第二|第2|后面|后一个|second)/.test(s)) return 2;
  return undefined;
};
