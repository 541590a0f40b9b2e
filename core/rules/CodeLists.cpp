#include "core/rules/CodeLists.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/util/I18n.h"

namespace jiayi::rules {
namespace {

// shared/domain/records.md, 个人基本信息表: each list in the order of the paper form.
constexpr Code kSex[] = {{"1", N_("Male"), "男"}, {"2", N_("Female"), "女"},
                         {"9", N_("Unstated"), "未说明的性别"}, {"0", N_("Unknown"), "未知的性别"}};
constexpr Code kResidence[] = {{"1", N_("Registered (hukou)"), "户籍"},
                               {"2", N_("Not registered"), "非户籍"}};
// GB 3304 ethnic groups.
constexpr Code kEthnicity[] = {
    {"01", N_("Han"), "汉族"}, {"02", N_("Mongol"), "蒙古族"}, {"03", N_("Hui"), "回族"},
    {"04", N_("Tibetan"), "藏族"}, {"05", N_("Uyghur"), "维吾尔族"}, {"06", N_("Miao"), "苗族"},
    {"07", N_("Yi"), "彝族"}, {"08", N_("Zhuang"), "壮族"}, {"09", N_("Bouyei"), "布依族"},
    {"10", N_("Korean"), "朝鲜族"}, {"11", N_("Manchu"), "满族"}, {"12", N_("Dong"), "侗族"},
    {"13", N_("Yao"), "瑶族"}, {"14", N_("Bai"), "白族"}, {"15", N_("Tujia"), "土家族"},
    {"16", N_("Hani"), "哈尼族"}, {"17", N_("Kazakh"), "哈萨克族"}, {"18", N_("Dai"), "傣族"},
    {"19", N_("Li"), "黎族"}, {"20", N_("Lisu"), "傈僳族"}, {"21", N_("Va"), "佤族"},
    {"22", N_("She"), "畲族"}, {"23", N_("Gaoshan"), "高山族"}, {"24", N_("Lahu"), "拉祜族"},
    {"25", N_("Sui"), "水族"}, {"26", N_("Dongxiang"), "东乡族"}, {"27", N_("Naxi"), "纳西族"},
    {"28", N_("Jingpo"), "景颇族"}, {"29", N_("Kyrgyz"), "柯尔克孜族"}, {"30", N_("Tu"), "土族"},
    {"31", N_("Daur"), "达斡尔族"}, {"32", N_("Mulao"), "仫佬族"}, {"33", N_("Qiang"), "羌族"},
    {"34", N_("Blang"), "布朗族"}, {"35", N_("Salar"), "撒拉族"}, {"36", N_("Maonan"), "毛南族"},
    {"37", N_("Gelao"), "仡佬族"}, {"38", N_("Xibe"), "锡伯族"}, {"39", N_("Achang"), "阿昌族"},
    {"40", N_("Pumi"), "普米族"}, {"41", N_("Tajik"), "塔吉克族"}, {"42", N_("Nu"), "怒族"},
    {"43", N_("Uzbek"), "乌孜别克族"}, {"44", N_("Russian"), "俄罗斯族"},
    {"45", N_("Evenki"), "鄂温克族"}, {"46", N_("De'ang"), "德昂族"}, {"47", N_("Bonan"), "保安族"},
    {"48", N_("Yugur"), "裕固族"}, {"49", N_("Gin"), "京族"}, {"50", N_("Tatar"), "塔塔尔族"},
    {"51", N_("Derung"), "独龙族"}, {"52", N_("Oroqen"), "鄂伦春族"}, {"53", N_("Hezhen"), "赫哲族"},
    {"54", N_("Monba"), "门巴族"}, {"55", N_("Lhoba"), "珞巴族"}, {"56", N_("Jino"), "基诺族"},
    {"97", N_("Other ethnic group"), "其他"},
    {"98", N_("Foreign-born Chinese citizen"), "外国血统中国籍人士"}};
constexpr Code kBloodType[] = {{"1", N_("A"), "A型"}, {"2", N_("B"), "B型"}, {"3", N_("O"), "O型"},
                               {"4", N_("AB"), "AB型"}, {"5", N_("Not known"), "不详"}};
constexpr Code kRh[] = {{"1", N_("No"), "否"}, {"2", N_("Yes"), "是"}, {"3", N_("Not known"), "不详"}};
constexpr Code kEducation[] = {
    {"1", N_("Postgraduate"), "研究生"}, {"2", N_("University"), "大学本科"},
    {"3", N_("College"), "大学专科和专科学校"}, {"4", N_("Technical secondary school"), "中等专业学校"},
    {"5", N_("Vocational school"), "技工学校"}, {"6", N_("Senior high school"), "高中"},
    {"7", N_("Junior high school"), "初中"}, {"8", N_("Primary school"), "小学"},
    {"9", N_("Illiterate or semi-literate"), "文盲或半文盲"}, {"10", N_("Not known"), "不详"}};
constexpr Code kOccupation[] = {
    {"0", N_("Head of an organisation or enterprise"), "国家机关、党群组织、企业、事业单位负责人"},
    {"1", N_("Professional or technical staff"), "专业技术人员"},
    {"2", N_("Clerical staff"), "办事人员和有关人员"},
    {"3", N_("Commerce or service worker"), "商业、服务业人员"},
    {"4", N_("Farming, forestry, animal husbandry, fishery or water conservancy"),
     "农、林、牧、渔、水利业生产人员"},
    {"5", N_("Production or transport equipment operator"), "生产、运输设备操作人员及有关人员"},
    {"6", N_("Military"), "军人"},
    {"7", N_("Other worker"), "不便分类的其他从业人员"},
    {"8", N_("No occupation"), "无职业"}};
constexpr Code kMarital[] = {{"1", N_("Unmarried"), "未婚"}, {"2", N_("Married"), "已婚"},
                             {"3", N_("Widowed"), "丧偶"}, {"4", N_("Divorced"), "离婚"},
                             {"5", N_("Marital status not stated"), "未说明的婚姻状况"}};
constexpr Code kPayment[] = {
    {"1", N_("Urban employee basic medical insurance"), "城镇职工基本医疗保险"},
    {"2", N_("Urban resident basic medical insurance"), "城镇居民基本医疗保险"},
    {"3", N_("New rural cooperative medical scheme"), "新型农村合作医疗"},
    {"4", N_("Poverty relief"), "贫困救助"}, {"5", N_("Commercial health insurance"), "商业医疗保险"},
    {"6", N_("Fully state-funded"), "全公费"}, {"7", N_("Fully self-paid"), "全自费"},
    {"8", N_("Other"), "其他"}};
constexpr Code kDrugAllergy[] = {{"1", N_("None"), "无"}, {"2", N_("Penicillin"), "青霉素"},
                                 {"3", N_("Sulfonamides"), "磺胺"}, {"4", N_("Streptomycin"), "链霉素"},
                                 {"5", N_("Other"), "其他"}};
constexpr Code kExposure[] = {{"1", N_("None"), "无"}, {"2", N_("Chemicals"), "化学品"},
                              {"3", N_("Poisons"), "毒物"}, {"4", N_("Radiation"), "射线"}};
constexpr Code kDisease[] = {
    {"1", N_("None"), "无"}, {"2", N_("Hypertension"), "高血压"}, {"3", N_("Diabetes"), "糖尿病"},
    {"4", N_("Coronary heart disease"), "冠心病"},
    {"5", N_("Chronic obstructive pulmonary disease"), "慢性阻塞性肺疾病"},
    {"6", N_("Malignant tumour"), "恶性肿瘤"}, {"7", N_("Stroke"), "脑卒中"},
    {"8", N_("Severe mental disorder"), "严重精神障碍"}, {"9", N_("Tuberculosis"), "结核病"},
    {"10", N_("Hepatitis"), "肝炎"}, {"11", N_("Other notifiable infectious disease"), "其他法定传染病"},
    {"12", N_("Occupational disease"), "职业病"}, {"13", N_("Other"), "其他"}};
constexpr Code kDisability[] = {{"1", N_("None"), "无残疾"}, {"2", N_("Visual"), "视力残疾"},
                                {"3", N_("Hearing"), "听力残疾"}, {"4", N_("Speech"), "言语残疾"},
                                {"5", N_("Physical"), "肢体残疾"}, {"6", N_("Intellectual"), "智力残疾"},
                                {"7", N_("Mental"), "精神残疾"}, {"8", N_("Other"), "其他残疾"}};
constexpr Code kKitchen[] = {{"1", N_("None"), "无"}, {"2", N_("Range hood"), "油烟机"},
                             {"3", N_("Exhaust fan"), "换气扇"}, {"4", N_("Chimney"), "烟囱"}};
constexpr Code kFuel[] = {{"1", N_("Liquefied gas"), "液化气"}, {"2", N_("Coal"), "煤"},
                          {"3", N_("Natural gas"), "天然气"}, {"4", N_("Biogas"), "沼气"},
                          {"5", N_("Firewood"), "柴火"}, {"6", N_("Other"), "其他"}};
constexpr Code kWater[] = {{"1", N_("Tap water"), "自来水"},
                           {"2", N_("Purified or filtered water"), "经净化过滤的水"},
                           {"3", N_("Well water"), "井水"}, {"4", N_("River or lake water"), "河湖水"},
                           {"5", N_("Pond water"), "塘水"}, {"6", N_("Other"), "其他"}};
constexpr Code kToilet[] = {{"1", N_("Sanitary toilet"), "卫生厕所"},
                            {"2", N_("One- or two-compartment septic pit"), "一格或二格粪池式"},
                            {"3", N_("Flush toilet"), "马桶"}, {"4", N_("Open pit"), "露天粪坑"},
                            {"5", N_("Simple shed latrine"), "简易棚厕"}};
constexpr Code kAnimalPen[] = {{"1", N_("None"), "无"}, {"2", N_("Separate"), "单设"},
                               {"3", N_("Indoors"), "室内"}, {"4", N_("Outdoors"), "室外"}};
constexpr Code kRelation[] = {{"0", N_("Head of household"), "本人"}, {"1", N_("Spouse"), "配偶"},
                              {"2", N_("Son"), "子"}, {"3", N_("Daughter"), "女"},
                              {"4", N_("Parent"), "父母"}, {"5", N_("Grandchild"), "孙子女"},
                              {"6", N_("Sibling"), "兄弟姐妹"}, {"7", N_("Other relation"), "其他"}};
constexpr Code kStatus[] = {{"active", N_("Active"), "在册"}, {"moved", N_("Moved away"), "迁出"},
                            {"dead", N_("Dead"), "死亡"}, {"lost", N_("Lost to follow-up"), "失访"}};

// shared/domain/chronic.md: the follow-up forms (高血压/2型糖尿病患者随访服务记录表) and the
// programmes' closing; referrals.md: urgency and outcome of the return slip.
constexpr Code kFollowUpMode[] = {{"clinic", N_("Clinic"), "门诊"}, {"home", N_("Home"), "家庭"},
                                  {"phone", N_("Phone"), "电话"}, {"lost", N_("Lost to follow-up"), "失访"},
                                  {"dead", N_("Died"), "死亡"}};
constexpr Code kHtnSymptom[] = {
    {"1", N_("No symptoms"), "无症状"}, {"2", N_("Headache, dizziness"), "头痛头晕"},
    {"3", N_("Nausea, vomiting"), "恶心呕吐"}, {"4", N_("Dim sight, tinnitus"), "眼花耳鸣"},
    {"5", N_("Breathing difficulty"), "呼吸困难"}, {"6", N_("Palpitations, chest tightness"), "心悸胸闷"},
    {"7", N_("Nosebleed that does not stop"), "鼻衄出血不止"}, {"8", N_("Numb limbs"), "四肢发麻"},
    {"9", N_("Swollen legs"), "下肢水肿"}, {"10", N_("Other symptoms"), "其他"}};
constexpr Code kT2dSymptom[] = {
    {"1", N_("No symptoms"), "无症状"}, {"2", N_("Much thirst"), "多饮"}, {"3", N_("Much hunger"), "多食"},
    {"4", N_("Much urine"), "多尿"}, {"5", N_("Blurred vision"), "视力模糊"}, {"6", N_("Infection"), "感染"},
    {"7", N_("Numb hands and feet"), "手脚麻木"}, {"8", N_("Swollen legs"), "下肢浮肿"},
    {"9", N_("Marked weight loss"), "体重明显下降"}, {"10", N_("Other symptoms"), "其他"}};
constexpr Code kSalt[] = {{"1", N_("Light"), "轻"}, {"2", N_("Moderate"), "中"}, {"3", N_("Heavy"), "重"}};
constexpr Code kGoodFairPoor[] = {{"1", N_("Good"), "良好"}, {"2", N_("Fair"), "一般"}, {"3", N_("Poor"), "差"}};
constexpr Code kAdherence[] = {{"regular", N_("Regular"), "规律"}, {"intermittent", N_("Intermittent"), "间断"},
                               {"none", N_("Not taking"), "不服药"}};
constexpr Code kHypoglycaemia[] = {{"none", N_("None"), "无"}, {"occasional", N_("Occasional"), "偶尔"},
                                   {"frequent", N_("Frequent"), "频繁"}};
constexpr Code kDorsalPulse[] = {
    {"normal", N_("Palpable, normal"), "触及正常"}, {"weak_both", N_("Weak, both sides"), "减弱（双侧）"},
    {"weak_left", N_("Weak, left"), "减弱（左侧）"}, {"weak_right", N_("Weak, right"), "减弱（右侧）"},
    {"absent_both", N_("Absent, both sides"), "消失（双侧）"}, {"absent_left", N_("Absent, left"), "消失（左侧）"},
    {"absent_right", N_("Absent, right"), "消失（右侧）"}};
constexpr Code kSmiCondition[] = {
    {"schizophrenia", N_("Schizophrenia"), "精神分裂症"},
    {"schizoaffective", N_("Schizoaffective disorder"), "分裂情感性障碍"},
    {"paranoid", N_("Paranoid psychosis"), "偏执性精神病"},
    {"bipolar", N_("Bipolar disorder"), "双相（情感）障碍"},
    {"epilepsy", N_("Mental disorder due to epilepsy"), "癫痫所致精神障碍"},
    {"intellectual", N_("Intellectual disability with mental disorder"), "精神发育迟滞伴发精神障碍"}};
constexpr Code kSmiFinding[] = {
    {"obvious_symptoms", N_("Obvious psychotic symptoms"), "精神症状明显"},
    {"some_symptoms", N_("Some psychotic symptoms"), "存在精神症状"},
    {"no_insight", N_("No insight"), "自知力缺乏"},
    {"poor_insight", N_("Poor insight"), "自知力不全"},
    {"poor_social_function", N_("Poor social function"), "社会功能较差"},
    {"serious_adverse_reaction", N_("Serious adverse drug reaction"), "严重药物不良反应"},
    {"serious_physical_illness", N_("Serious physical illness"), "严重躯体疾病"}};
constexpr Code kCloseReason[] = {{"died", N_("Died"), "死亡"}, {"moved", N_("Moved away"), "迁出"},
                                 {"lost", N_("Lost to follow-up"), "失访"}, {"cured", N_("Cured"), "治愈"},
                                 {"completed", N_("Treatment completed"), "完成疗程"},
                                 {"other", N_("Other reason"), "其他"}};
constexpr Code kTbPhase[] = {{"intensive", N_("Intensive phase"), "强化期"},
                             {"continuation", N_("Continuation phase"), "继续期"}};
constexpr Code kTbSupervisor[] = {{"medical", N_("Medical worker"), "医务人员"}, {"family", N_("Family member"), "家属"}};
constexpr Code kUrgency[] = {{"urgent", N_("Urgent"), "紧急"}, {"routine", N_("Routine"), "常规"}};
constexpr Code kReturnOutcome[] = {{"cured", N_("Cured"), "痊愈"}, {"improved", N_("Improved"), "好转"},
                                   {"not_cured", N_("Not cured"), "未愈"}, {"dead", N_("Dead"), "死亡"}};
// groups.md, Immunization: where a dose was given (the vaccination certificate's 接种部位).
constexpr Code kInjectionSite[] = {{"left_arm", N_("Left upper arm"), "左上臂"},
                                   {"right_arm", N_("Right upper arm"), "右上臂"},
                                   {"left_thigh", N_("Left thigh"), "左大腿"},
                                   {"right_thigh", N_("Right thigh"), "右大腿"},
                                   {"oral", N_("By mouth"), "口服"}};
// groups.md, Children 0-6: the child health forms' feeding, development and guidance.
constexpr Code kFeeding[] = {{"breast", N_("Breast milk only"), "纯母乳"},
                             {"mixed", N_("Mixed feeding"), "混合喂养"},
                             {"formula", N_("Formula"), "人工喂养"}};
constexpr Code kDevelopment[] = {{"normal", N_("No warning sign"), "无发育预警征象"},
                                 {"warning", N_("Warning sign: refer for assessment"), "有发育预警征象"}};
constexpr Code kChildGuidance[] = {{"feeding", N_("Feeding"), "科学喂养"},
                                   {"growth", N_("Growth and development"), "生长发育"},
                                   {"disease", N_("Disease prevention"), "疾病预防"},
                                   {"injury", N_("Injury prevention"), "预防伤害"},
                                   {"oral", N_("Oral health"), "口腔保健"},
                                   {"other", N_("Other"), "其他"}};
// groups.md, Maternal care: risk factors noted at registration (高危因素).
constexpr Code kPregnancyRisk[] = {{"advanced_age", N_("Aged 35 or over at delivery"), "高龄（≥35岁）"},
                                   {"hypertension", N_("Hypertension"), "高血压"},
                                   {"diabetes", N_("Diabetes"), "糖尿病"},
                                   {"heart_disease", N_("Heart disease"), "心脏病"},
                                   {"previous_caesarean", N_("Previous caesarean section"), "瘢痕子宫"},
                                   {"multiple", N_("Multiple pregnancy"), "多胎妊娠"},
                                   {"anaemia", N_("Anaemia"), "贫血"},
                                   {"other", N_("Other"), "其他"}};
constexpr Code kDeliveryPlace[] = {{"hospital", N_("Hospital"), "医院"},
                                   {"home", N_("At home"), "家中"},
                                   {"other", N_("Elsewhere"), "其他"}};
constexpr Code kDeliveryMode[] = {{"vaginal", N_("Vaginal delivery"), "阴道分娩"},
                                  {"caesarean", N_("Caesarean section"), "剖宫产"}};
constexpr Code kPregnancyEnd[] = {{"miscarriage", N_("Miscarriage"), "自然流产"},
                                  {"termination", N_("Termination"), "人工流产/引产"},
                                  {"other", N_("Other"), "其他"}};

constexpr std::array kLists = {
    CodeList{"sex", N_("Sex"), false, kSex},
    CodeList{"residence_type", N_("Residence type"), false, kResidence},
    CodeList{"ethnicity", N_("Ethnicity"), false, kEthnicity},
    CodeList{"blood_type", N_("Blood type"), false, kBloodType},
    CodeList{"rh_negative", N_("Rh negative"), false, kRh},
    CodeList{"education", N_("Education"), false, kEducation},
    CodeList{"occupation", N_("Occupation"), false, kOccupation},
    CodeList{"marital_status", N_("Marital status"), false, kMarital},
    CodeList{"payment", N_("Medical payment"), true, kPayment},
    CodeList{"drug_allergy", N_("Drug allergy"), true, kDrugAllergy},
    CodeList{"exposure", N_("Exposure"), true, kExposure},
    CodeList{"disease", N_("Disease"), true, kDisease},
    CodeList{"disability", N_("Disability"), true, kDisability},
    CodeList{"kitchen_ventilation", N_("Kitchen ventilation"), false, kKitchen},
    CodeList{"fuel", N_("Fuel"), false, kFuel},
    CodeList{"water", N_("Drinking water"), false, kWater},
    CodeList{"toilet", N_("Toilet"), false, kToilet},
    CodeList{"animal_pen", N_("Animal pen"), false, kAnimalPen},
    CodeList{"relation", N_("Relation to head"), false, kRelation},
    CodeList{"status", N_("Record status"), false, kStatus},
    CodeList{"follow_up_mode", N_("Follow-up mode"), false, kFollowUpMode},
    CodeList{"htn_symptom", N_("Symptoms"), true, kHtnSymptom},
    CodeList{"t2d_symptom", N_("Symptoms"), true, kT2dSymptom},
    CodeList{"salt", N_("Salt intake"), false, kSalt},
    CodeList{"good_fair_poor", N_("Good, fair or poor"), false, kGoodFairPoor},
    CodeList{"adherence", N_("Medication adherence"), false, kAdherence},
    CodeList{"hypoglycaemia", N_("Hypoglycaemia"), false, kHypoglycaemia},
    CodeList{"dorsal_pulse", N_("Dorsal foot pulse"), false, kDorsalPulse},
    CodeList{"smi_condition", N_("Mental illness"), false, kSmiCondition},
    CodeList{"smi_finding", N_("Findings"), true, kSmiFinding},
    CodeList{"close_reason", N_("Reason for closing"), false, kCloseReason},
    CodeList{"tb_phase", N_("Treatment phase"), false, kTbPhase},
    CodeList{"tb_supervisor", N_("Supervised by"), false, kTbSupervisor},
    CodeList{"urgency", N_("Urgency"), false, kUrgency},
    CodeList{"return_outcome", N_("Outcome"), false, kReturnOutcome},
    CodeList{"injection_site", N_("Injection site"), false, kInjectionSite},
    CodeList{"feeding", N_("Feeding"), false, kFeeding},
    CodeList{"development", N_("Development"), false, kDevelopment},
    CodeList{"child_guidance", N_("Guidance"), true, kChildGuidance},
    CodeList{"pregnancy_risk", N_("Risk factors"), true, kPregnancyRisk},
    CodeList{"delivery_place", N_("Place of delivery"), false, kDeliveryPlace},
    CodeList{"delivery_mode", N_("Mode of delivery"), false, kDeliveryMode},
    CodeList{"pregnancy_end", N_("How the pregnancy ended"), false, kPregnancyEnd},
};

}  // namespace

std::span<const CodeList> allCodeLists() { return kLists; }

const CodeList* codeList(std::string_view name) {
    for (const auto& list : kLists)
        if (name == list.name) return &list;
    return nullptr;
}

const Code* findCode(std::string_view list, std::string_view code) {
    const auto* l = codeList(list);
    if (!l) return nullptr;
    for (const auto& c : l->codes)
        if (code == c.code) return &c;
    return nullptr;
}

std::optional<std::string> parseCode(std::string_view list, std::string_view text) {
    const auto* l = codeList(list);
    if (!l || text.empty()) return std::nullopt;
    auto same = [](std::string_view a, std::string_view b) {
        return a.size() == b.size() &&
               std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
                   return std::tolower(static_cast<unsigned char>(x)) ==
                          std::tolower(static_cast<unsigned char>(y));
               });
    };
    for (const auto& c : l->codes) {
        const std::string_view official = c.official;
        if (text == c.code || text == official || same(text, c.english)) return c.code;
        // 汉 for 汉族, 男 for 男性: the official term often carries a suffix people drop.
        if (official.size() > text.size() && official.starts_with(text) &&
            (official.substr(text.size()) == "族" || official.substr(text.size()) == "型"))
            return c.code;
    }
    return std::nullopt;
}

std::string codeLabel(std::string_view list, std::string_view code) {
    const auto* c = findCode(list, code);
    return c ? tr(c->english) : std::string(code);
}

}  // namespace jiayi::rules
