/**
 * The demo community: Beishan Street (北山街道), Xihu District, Hangzhou.
 *
 * Pure data, no database code (prisma/seed.ts inserts it). Drawn from the Beishan case report
 * (/work/shared/seeds/004): 104 co-building units in four sector groups and seven areas, a
 * think-tank of experts and the 幸福议事厅 with its cases — the lift at 宝石一路2号, water supply at
 * 桃园新村, property management at 松木场, the dilapidated housing at 天目山路79号.
 *
 * Every person, phone number and company below is invented for the demo (public bodies keep their
 * real names). References between records use natural keys: community slugs, grid codes, unit and
 * area keys, usernames; prisma/seed.ts resolves them and fails loudly on a dangling one.
 */
import type { CommunityRole, SectorGroup, UnitKind } from "../app/domain/roles";

/** Every demo account signs in with this password. */
export const DEMO_PASSWORD = "yishi-demo";

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

export interface SeedGrid {
  /** Unique within its community, e.g. `SMC-01`. */
  readonly code: string;
  readonly name: Bilingual;
  /** 300–500 households per grid (the standard grid size). */
  readonly households: number;
}

export interface SeedCommunity {
  readonly slug: string;
  readonly name: Bilingual;
  readonly grids: readonly SeedGrid[];
}

export interface SeedArea {
  readonly key: string;
  readonly name: Bilingual;
}

export interface SeedListItem {
  readonly title: Bilingual;
  readonly description?: string;
}

export interface SeedUnit {
  readonly key: string;
  readonly name: Bilingual;
  readonly kind: UnitKind;
  readonly sectorGroup: SectorGroup;
  /** Area (片区) key. */
  readonly area: string;
  /** Community slug when the unit sits inside one community; district and city bodies have none. */
  readonly community?: string;
  readonly contact: { readonly name: string; readonly phone: string };
  /** 资源清单 — what the unit offers. */
  readonly resources: readonly SeedListItem[];
  /** 需求清单 — what the unit asks of the community. */
  readonly needs: readonly SeedListItem[];
}

export interface SeedCategory {
  readonly key: string;
  readonly name: Bilingual;
}

export interface SeedMembership {
  readonly community: string;
  readonly role: CommunityRole;
  /** Grid code (grid workers and residents). */
  readonly grid?: string;
  /** Unit key (unit representatives). */
  readonly unit?: string;
  /** 居民代表: on the council's voting roll. */
  readonly isResidentRep?: boolean;
}

export interface SeedUser {
  /** Lowercase ASCII. */
  readonly username: string;
  readonly displayName: string;
  readonly phone: string;
  /** Street slug for a street admin. */
  readonly streetAdminOf?: string;
  readonly expertise?: string;
  readonly memberships: readonly SeedMembership[];
}

export type SeedIssueStatus = "submitted" | "accepted" | "escalated" | "in_progress" | "resolved";
export type SeedUrgency = "low" | "normal" | "high";

export interface SeedIssue {
  readonly community: string;
  readonly grid: string;
  /** IssueCategory key. */
  readonly category: string;
  /** Username of the reporter. */
  readonly reporter: string;
  readonly title: string;
  readonly description: string;
  readonly address: string;
  readonly urgency: SeedUrgency;
  readonly status: SeedIssueStatus;
  readonly createdDaysAgo: number;
  /** When the issue reached `status` (days ago); only for status beyond submitted. Defaults to createdDaysAgo − 1. */
  readonly changedDaysAgo?: number;
  /** Note on the status-change event written by community staff. */
  readonly statusNote?: string;
  /** 吹哨: the department unit called in, and its response deadline counted from the escalation. */
  readonly escalation?: { readonly unit: string; readonly dueInDays: number };
}

export interface DemoData {
  readonly street: { readonly slug: string; readonly name: Bilingual };
  readonly communities: readonly SeedCommunity[];
  readonly areas: readonly SeedArea[];
  readonly units: readonly SeedUnit[];
  /** The same categories are created in every community, in this order. */
  readonly categories: readonly SeedCategory[];
  readonly users: readonly SeedUser[];
  readonly issues: readonly SeedIssue[];
}

export const demo = {
  street: { slug: "beishan", name: { zh: "北山街道", en: "Beishan Street" } },

  communities: [
    {
      slug: "songmuchang",
      name: { zh: "松木场社区", en: "Songmuchang Community" },
      grids: [
        { code: "SMC-01", name: { zh: "松木场第一网格", en: "Songmuchang Grid 1" }, households: 428 },
        { code: "SMC-02", name: { zh: "松木场第二网格", en: "Songmuchang Grid 2" }, households: 376 },
        { code: "SMC-03", name: { zh: "松木场第三网格", en: "Songmuchang Grid 3" }, households: 462 },
        { code: "SMC-04", name: { zh: "松木场第四网格", en: "Songmuchang Grid 4" }, households: 315 },
      ],
    },
    {
      slug: "baoshi",
      name: { zh: "宝石社区", en: "Baoshi Community" },
      grids: [
        { code: "BS-01", name: { zh: "宝石第一网格", en: "Baoshi Grid 1" }, households: 394 },
        { code: "BS-02", name: { zh: "宝石第二网格", en: "Baoshi Grid 2" }, households: 487 },
        { code: "BS-03", name: { zh: "宝石第三网格", en: "Baoshi Grid 3" }, households: 352 },
        { code: "BS-04", name: { zh: "宝石第四网格", en: "Baoshi Grid 4" }, households: 309 },
      ],
    },
    {
      slug: "shangbao",
      name: { zh: "上保社区", en: "Shangbao Community" },
      grids: [
        { code: "SB-01", name: { zh: "上保第一网格", en: "Shangbao Grid 1" }, households: 341 },
        { code: "SB-02", name: { zh: "上保第二网格", en: "Shangbao Grid 2" }, households: 415 },
        { code: "SB-03", name: { zh: "上保第三网格", en: "Shangbao Grid 3" }, households: 368 },
      ],
    },
    {
      slug: "jinzhu",
      name: { zh: "金祝社区", en: "Jinzhu Community" },
      grids: [
        { code: "JZ-01", name: { zh: "金祝第一网格", en: "Jinzhu Grid 1" }, households: 452 },
        { code: "JZ-02", name: { zh: "金祝第二网格", en: "Jinzhu Grid 2" }, households: 397 },
        { code: "JZ-03", name: { zh: "金祝第三网格", en: "Jinzhu Grid 3" }, households: 336 },
      ],
    },
    {
      slug: "yanshanhe",
      name: { zh: "沿山河社区", en: "Yanshanhe Community" },
      grids: [
        { code: "YSH-01", name: { zh: "沿山河第一网格", en: "Yanshanhe Grid 1" }, households: 383 },
        { code: "YSH-02", name: { zh: "沿山河第二网格", en: "Yanshanhe Grid 2" }, households: 421 },
        { code: "YSH-03", name: { zh: "沿山河第三网格", en: "Yanshanhe Grid 3" }, households: 304 },
      ],
    },
    {
      slug: "quyuan",
      name: { zh: "曲院社区", en: "Quyuan Community" },
      grids: [
        { code: "QY-01", name: { zh: "曲院第一网格", en: "Quyuan Grid 1" }, households: 358 },
        { code: "QY-02", name: { zh: "曲院第二网格", en: "Quyuan Grid 2" }, households: 436 },
        { code: "QY-03", name: { zh: "曲院第三网格", en: "Quyuan Grid 3" }, households: 327 },
        { code: "QY-04", name: { zh: "曲院第四网格", en: "Quyuan Grid 4" }, households: 481 },
      ],
    },
  ],

  // The case report: "横向按区域划分为上保、宝石等七个片区".
  areas: [
    { key: "shangbao-offices", name: { zh: "上保省直机关片区", en: "Shangbao Provincial Offices Area" } },
    { key: "baoshi-hill", name: { zh: "宝石山片区", en: "Baoshi Hill Area" } },
    { key: "west-lake-culture", name: { zh: "西湖文化片区", en: "West Lake Culture Area" } },
    { key: "huanglong-business", name: { zh: "黄龙商务片区", en: "Huanglong Business Area" } },
    { key: "baishaquan-finance", name: { zh: "白沙泉金融片区", en: "Baishaquan Finance Area" } },
    { key: "yanshanhe-joint", name: { zh: "沿山河军警民共建片区", en: "Yanshanhe Military–Police–Civilian Area" } },
    { key: "songmuchang-jinzhu", name: { zh: "松木场金祝片区", en: "Songmuchang–Jinzhu Area" } },
  ],

  units: [
    // ── 民生服务 livelihood ──
    {
      key: "zj-tcm-hospital",
      name: { zh: "浙江省中医院", en: "Zhejiang Provincial Hospital of Chinese Medicine" },
      kind: "hospital",
      sectorGroup: "livelihood",
      area: "shangbao-offices",
      contact: { name: "沈卫红", phone: "0571-8706-2101" },
      resources: [
        {
          title: { zh: "“白衣天使服务队”上门义诊", en: 'Home visits by the "White Angels" volunteer doctors' },
          description: "每月一次为孤寡、独居高龄老人上门义诊，测血压、血糖并提供用药指导。",
        },
        { title: { zh: "中医养生健康讲座", en: "Talks on traditional Chinese medicine and healthy ageing" } },
      ],
      needs: [{ title: { zh: "社区健康讲座场地与居民组织", en: "A venue and resident turnout for health talks" } }],
    },
    {
      key: "beishan-health-centre",
      name: { zh: "北山街道社区卫生服务中心", en: "Beishan Community Health Service Centre" },
      kind: "hospital",
      sectorGroup: "livelihood",
      area: "songmuchang-jinzhu",
      contact: { name: "蒋丽君", phone: "0571-8796-3302" },
      resources: [
        { title: { zh: "家庭医生签约服务", en: "Family-doctor contracts" } },
        { title: { zh: "慢性病随访与老年人体检", en: "Chronic-disease follow-ups and health checks for older residents" } },
      ],
      needs: [{ title: { zh: "协助更新老年人健康档案", en: "Help updating older residents' health records" } }],
    },
    {
      key: "hz-water",
      name: { zh: "杭州水务集团", en: "Hangzhou Water Group" },
      kind: "company",
      sectorGroup: "livelihood",
      area: "baoshi-hill",
      contact: { name: "潘志伟", phone: "0571-8520-4403" },
      resources: [
        {
          title: { zh: "二次供水设施检测与改造", en: "Inspection and upgrade of secondary water-supply facilities" },
          description: "对老旧小区屋顶水箱、加压泵房进行水质检测和设备评估，提出改造方案。",
        },
        { title: { zh: "供水管网抢修绿色通道", en: "Fast-track repair of water mains" } },
      ],
      needs: [{ title: { zh: "入户水表改造的居民沟通", en: "Resident liaison for replacing in-home water meters" } }],
    },
    {
      key: "beishan-property",
      name: { zh: "杭州北山物业服务有限公司", en: "Hangzhou Beishan Property Services Co., Ltd." },
      kind: "company",
      sectorGroup: "livelihood",
      area: "songmuchang-jinzhu",
      community: "songmuchang",
      contact: { name: "刘志强", phone: "0571-8801-5504" },
      resources: [
        {
          title: { zh: "老旧小区准物业管理", en: "Basic property management for old estates" },
          description: "提供门岗、保洁、绿化和公共设施小修，按“菜单式”服务收费。",
        },
        { title: { zh: "楼道保洁与公共设施维修", en: "Stairwell cleaning and repairs to shared facilities" } },
      ],
      needs: [
        { title: { zh: "物业费收缴与业主沟通", en: "Owner engagement on service fees" } },
        { title: { zh: "小区停车位规划", en: "A parking plan for the estate" } },
      ],
    },
    {
      key: "xihu-civil-affairs",
      name: { zh: "西湖区民政局", en: "Xihu District Civil Affairs Bureau" },
      kind: "department",
      sectorGroup: "livelihood",
      area: "songmuchang-jinzhu",
      contact: { name: "邵建明", phone: "0571-8717-6605" },
      resources: [
        { title: { zh: "居家养老服务补贴", en: "Subsidies for elderly care at home" } },
        { title: { zh: "社区老年食堂建设指导与补助", en: "Guidance and grants for community canteens for older people" } },
      ],
      needs: [],
    },
    {
      key: "beishan-therapy-station",
      name: { zh: "北山街道工疗站", en: "Beishan Occupational Therapy Station" },
      kind: "other",
      sectorGroup: "livelihood",
      area: "songmuchang-jinzhu",
      contact: { name: "俞彩英", phone: "0571-8796-7706" },
      resources: [{ title: { zh: "学员手工作品义卖", en: "Charity sales of trainees' handicrafts" } }],
      needs: [
        { title: { zh: "志愿者陪伴与生活技能辅导", en: "Volunteer companions and life-skills coaching" } },
        { title: { zh: "康复活动场地", en: "Space for rehabilitation activities" } },
      ],
    },

    // ── 文化交流 culture ──
    {
      key: "zj-drama-troupe",
      name: { zh: "浙江省话剧团", en: "Zhejiang Drama Troupe" },
      kind: "agency",
      sectorGroup: "culture",
      area: "west-lake-culture",
      contact: { name: "叶晨", phone: "0571-8515-8807" },
      resources: [
        { title: { zh: "社区戏剧工作坊", en: "Community drama workshops" } },
        { title: { zh: "惠民演出票", en: "Discounted performance tickets for residents" } },
      ],
      needs: [{ title: { zh: "进社区演出的露天场地", en: "Open-air venues for community performances" } }],
    },
    {
      key: "zj-song-dance",
      name: { zh: "浙江省歌舞剧院", en: "Zhejiang Song and Dance Theatre" },
      kind: "company",
      sectorGroup: "culture",
      area: "west-lake-culture",
      contact: { name: "方雅婷", phone: "0571-8516-9908" },
      resources: [
        { title: { zh: "纳凉晚会节目支持", en: "Acts for summer evening galas" } },
        { title: { zh: "社区文艺团队专业指导", en: "Professional coaching for residents' arts groups" } },
      ],
      needs: [],
    },
    {
      key: "zj-elderly-calligraphy",
      name: { zh: "浙江省老年书画研究会", en: "Zhejiang Elderly Calligraphy and Painting Society" },
      kind: "social_org",
      sectorGroup: "culture",
      area: "west-lake-culture",
      contact: { name: "金伯年", phone: "0571-8707-1009" },
      resources: [
        { title: { zh: "弥陀寺公园书画展与现场笔会", en: "Exhibitions and live calligraphy at Mituo Temple Park" } },
        { title: { zh: "老年书法公益课", en: "Free calligraphy classes for older residents" } },
      ],
      needs: [{ title: { zh: "常设展览场地", en: "A permanent exhibition space" } }],
    },
    {
      key: "hz-no14-school",
      name: { zh: "杭州市第十四中学", en: "Hangzhou No. 14 High School" },
      kind: "school",
      sectorGroup: "culture",
      area: "songmuchang-jinzhu",
      contact: { name: "褚建峰", phone: "0571-8516-1110" },
      resources: [
        { title: { zh: "学生志愿服务队", en: "Student volunteer team" } },
        { title: { zh: "节假日体育场地错时开放", en: "Sports grounds open to residents on holidays" } },
      ],
      needs: [{ title: { zh: "学生社会实践岗位", en: "Social-practice placements for students" } }],
    },
    {
      key: "baochuta-school",
      name: { zh: "杭州市保俶塔实验学校", en: "Hangzhou Baochuta Experimental School" },
      kind: "school",
      sectorGroup: "culture",
      area: "baoshi-hill",
      community: "baoshi",
      contact: { name: "孔令仪", phone: "0571-8797-2211" },
      resources: [{ title: { zh: "“四点半课堂”课后托管", en: '"Half-past-four class" after-school care' } }],
      needs: [
        { title: { zh: "上下学时段交通疏导志愿者", en: "Volunteers to marshal traffic at school times" } },
        { title: { zh: "周边临时停车位", en: "Short-stay parking near the school gate" } },
      ],
    },
    {
      key: "zj-organs-art-academy",
      name: { zh: "浙江省直机关书画院", en: "Zhejiang Provincial Government Offices Art Academy" },
      kind: "agency",
      sectorGroup: "culture",
      area: "shangbao-offices",
      community: "shangbao",
      contact: { name: "楼海鹰", phone: "0571-8705-3312" },
      resources: [
        { title: { zh: "春节写春联送福字", en: "Writing spring couplets for residents at New Year" } },
        { title: { zh: "书画作品进社区展览", en: "Touring art exhibitions in the communities" } },
      ],
      needs: [],
    },

    // ── 社会治理 governance ──
    {
      key: "beishan-police",
      name: { zh: "北山派出所", en: "Beishan Police Station" },
      kind: "police",
      sectorGroup: "governance",
      area: "shangbao-offices",
      contact: { name: "章警官", phone: "0571-8708-4413" },
      resources: [
        { title: { zh: "社区民警驻点接待", en: "Community police office hours" } },
        { title: { zh: "防范电信诈骗宣讲", en: "Talks on preventing phone and online fraud" } },
      ],
      needs: [{ title: { zh: "平安巡防志愿者", en: "Volunteers for neighbourhood safety patrols" } }],
    },
    {
      key: "beishan-fire",
      name: { zh: "西湖区消防救援大队北山中队", en: "Beishan Fire Station, Xihu District Fire and Rescue Brigade" },
      kind: "agency",
      sectorGroup: "governance",
      area: "baoshi-hill",
      contact: { name: "严志豪", phone: "0571-8709-5514" },
      resources: [
        { title: { zh: "消防安全主题教育", en: "Fire-safety education sessions" } },
        {
          title: { zh: "楼道堆物与电动车充电隐患排查", en: "Inspections of stairwell clutter and e-bike charging" },
          description: "联合社区和网格员逐栋排查，现场指导清理并登记整改。",
        },
      ],
      needs: [{ title: { zh: "微型消防站队员招募", en: "Recruiting volunteers for mini fire stations" } }],
    },
    {
      key: "xihu-housing",
      name: { zh: "西湖区住建局", en: "Xihu District Housing and Urban-Rural Development Bureau" },
      kind: "department",
      sectorGroup: "governance",
      area: "songmuchang-jinzhu",
      contact: { name: "赵明", phone: "0571-8718-6615" },
      resources: [
        {
          title: { zh: "既有住宅加装电梯政策指导与补助", en: "Guidance and grants for adding lifts to existing housing" },
          description: "提供加装电梯审批流程指导，符合条件的项目按规定给予财政补助。",
        },
        { title: { zh: "危旧房安全鉴定与解危治理", en: "Safety surveys and remediation of dilapidated housing" } },
        { title: { zh: "老旧小区综合改造", en: "Comprehensive renovation of old estates" } },
      ],
      needs: [{ title: { zh: "改造方案居民意见征集", en: "Resident consultation on renovation plans" } }],
    },
    {
      key: "xihu-urban-mgmt",
      name: { zh: "西湖区城管局", en: "Xihu District Urban Management Bureau" },
      kind: "department",
      sectorGroup: "governance",
      area: "huanglong-business",
      contact: { name: "钟立新", phone: "0571-8719-7716" },
      resources: [
        { title: { zh: "垃圾分类设施配置与清运", en: "Waste-sorting facilities and collection" } },
        { title: { zh: "占道停车与违章搭建整治", en: "Enforcement against pavement parking and illegal structures" } },
      ],
      needs: [{ title: { zh: "垃圾分类督导志愿者", en: "Volunteer monitors at waste-sorting points" } }],
    },
    {
      key: "hz-env-monitoring",
      name: { zh: "杭州市环境监测中心", en: "Hangzhou Environmental Monitoring Centre" },
      kind: "agency",
      sectorGroup: "governance",
      area: "huanglong-business",
      contact: { name: "汪晓峰", phone: "0571-8521-8817" },
      resources: [
        { title: { zh: "变电箱、ATM机周边辐射免费监测", en: "Free radiation checks near transformer boxes and ATMs" } },
        { title: { zh: "夜间噪声检测", en: "Night-time noise measurements" } },
      ],
      needs: [],
    },
    {
      key: "city-wings",
      name: { zh: "城市之翼公益服务中心", en: "City Wings Public Welfare Centre" },
      kind: "social_org",
      sectorGroup: "governance",
      area: "songmuchang-jinzhu",
      contact: { name: "田小雨", phone: "0571-8802-9918" },
      resources: [
        { title: { zh: "“垃圾分类齐参与”宣传活动", en: '"Everyone sorts waste" campaigns' } },
        { title: { zh: "社区志愿者培训", en: "Training for community volunteers" } },
      ],
      needs: [
        { title: { zh: "公益活动经费", en: "Funding for public-interest activities" } },
        { title: { zh: "活动场地", en: "Venues for activities" } },
      ],
    },
    {
      key: "no5-sanatorium",
      name: { zh: "杭州第五干休所", en: "Hangzhou No. 5 Retired Officers' Sanatorium" },
      kind: "other",
      sectorGroup: "governance",
      area: "yanshanhe-joint",
      community: "yanshanhe",
      contact: { name: "石国庆", phone: "0571-8710-2019" },
      resources: [
        { title: { zh: "军警民联防巡逻", en: "Joint military–police–civilian patrols" } },
        { title: { zh: "老红军红色讲师团党课", en: 'Talks by the veterans\' "red lecturers"' } },
      ],
      needs: [{ title: { zh: "高龄老干部就医陪护", en: "Escorts to hospital for elderly veterans" } }],
    },

    // ── 经济发展 economy ──
    {
      key: "baishaquan-office",
      name: { zh: "白沙泉并购金融街区管理办公室", en: "Baishaquan M&A Finance Quarter Office" },
      kind: "agency",
      sectorGroup: "economy",
      area: "baishaquan-finance",
      community: "quyuan",
      contact: { name: "陆一鸣", phone: "0571-8711-3020" },
      resources: [
        { title: { zh: "金融知识校外教育基地", en: "Financial-literacy education base" } },
        { title: { zh: "街区会议室共享", en: "Shared meeting rooms" } },
      ],
      needs: [{ title: { zh: "街区周边环境与停车秩序整治", en: "Tidier streets and parking around the quarter" } }],
    },
    {
      key: "hz-bank-huanglong",
      name: { zh: "杭州银行黄龙支行", en: "Bank of Hangzhou, Huanglong Sub-branch" },
      kind: "company",
      sectorGroup: "economy",
      area: "huanglong-business",
      contact: { name: "顾佳怡", phone: "0571-8712-4121" },
      resources: [
        { title: { zh: "防范金融诈骗宣讲", en: "Talks on avoiding financial scams" } },
        { title: { zh: "老年人智能手机与移动支付培训", en: "Smartphone and mobile-payment lessons for older residents" } },
      ],
      needs: [],
    },
    {
      key: "huanglong-hotel",
      name: { zh: "杭州黄龙饭店", en: "Dragon Hotel Hangzhou" },
      kind: "company",
      sectorGroup: "economy",
      area: "huanglong-business",
      contact: { name: "王凯", phone: "0571-8713-5222" },
      resources: [
        { title: { zh: "“空中花园”共建", en: 'The shared rooftop "sky garden"' } },
        { title: { zh: "老年食堂餐食支持", en: "Meals for the community canteen for older people" } },
      ],
      needs: [{ title: { zh: "周边道路停车秩序", en: "Orderly parking on the surrounding roads" } }],
    },
    {
      key: "investor-school",
      name: { zh: "杭州投资者教育实训学校", en: "Hangzhou Investor Education Training School" },
      kind: "school",
      sectorGroup: "economy",
      area: "baishaquan-finance",
      contact: { name: "韦思远", phone: "0571-8714-6323" },
      resources: [
        { title: { zh: "科学理财公益讲座", en: "Free talks on sensible personal finance" } },
        { title: { zh: "形势分析会与投资分享会", en: "Economic briefings and investment sharing sessions" } },
      ],
      needs: [],
    },
    {
      key: "huanglong-fintech",
      name: { zh: "浙江黄龙金融科技有限公司", en: "Zhejiang Huanglong Fintech Co., Ltd." },
      kind: "company",
      sectorGroup: "economy",
      area: "huanglong-business",
      contact: { name: "贺子轩", phone: "0571-8715-7424" },
      resources: [
        { title: { zh: "青年员工志愿服务", en: "Volunteering by young staff" } },
        { title: { zh: "社区数字化服务技术支持", en: "Technical support for community digital services" } },
      ],
      needs: [{ title: { zh: "员工子女暑期托管", en: "Summer day care for staff's children" } }],
    },
  ],

  categories: [
    { key: "environment", name: { zh: "环境卫生", en: "Environment and sanitation" } },
    { key: "property", name: { zh: "物业管理", en: "Property management" } },
    { key: "old_building", name: { zh: "老旧小区改造与加装电梯", en: "Old estate renovation and lifts" } },
    { key: "parking", name: { zh: "停车与交通", en: "Parking and traffic" } },
    { key: "safety", name: { zh: "公共安全", en: "Public safety" } },
    { key: "elderly_children", name: { zh: "一老一小", en: "Older people and children" } },
    { key: "utilities", name: { zh: "水电气", en: "Water, power and gas" } },
    { key: "other", name: { zh: "其他", en: "Other" } },
  ],

  users: [
    // ── The named demo accounts (docs/demo-accounts.md) ──
    { username: "admin", displayName: "周建华", phone: "139-5710-0001", streetAdminOf: "beishan", memberships: [] },
    {
      username: "staff",
      displayName: "陈晓燕",
      phone: "138-5710-0002",
      memberships: [{ community: "songmuchang", role: "community_staff" }],
    },
    {
      username: "host",
      displayName: "李卫东",
      phone: "137-5710-0003",
      memberships: [{ community: "songmuchang", role: "meeting_host" }],
    },
    {
      username: "grid",
      displayName: "张丽萍",
      phone: "136-5710-0004",
      memberships: [{ community: "songmuchang", role: "grid_worker", grid: "SMC-01" }],
    },
    {
      username: "resident",
      displayName: "王秀英",
      phone: "135-5710-0005",
      memberships: [{ community: "songmuchang", role: "resident", grid: "SMC-01", isResidentRep: true }],
    },
    {
      username: "unitrep",
      displayName: "刘志强",
      phone: "158-5710-0006",
      memberships: [{ community: "songmuchang", role: "unit_rep", unit: "beishan-property" }],
    },
    {
      username: "dept",
      displayName: "赵明",
      phone: "159-5710-0007",
      memberships: [{ community: "songmuchang", role: "unit_rep", unit: "xihu-housing" }],
    },
    {
      username: "expert",
      displayName: "孙慧敏",
      phone: "186-5710-0008",
      expertise: "浙江工业大学公共管理学院副教授，研究社区协商治理与居民议事规则（community deliberation and co-governance）",
      memberships: [
        { community: "songmuchang", role: "expert" },
        { community: "baoshi", role: "expert" },
      ],
    },

    // ── Think-tank (智库专家) ──
    {
      username: "expert2",
      displayName: "钱志远",
      phone: "187-5710-0009",
      expertise: "注册结构工程师，既有住宅加装电梯与危旧房安全鉴定（lift retrofits and structural safety of old housing）",
      memberships: [
        { community: "songmuchang", role: "expert" },
        { community: "baoshi", role: "expert" },
      ],
    },
    {
      username: "expert3",
      displayName: "何静",
      phone: "188-5710-0010",
      expertise: "执业律师，物业管理、业主大会与业主委员会法律事务（property management and owners' association law）",
      memberships: [
        { community: "songmuchang", role: "expert" },
        { community: "shangbao", role: "expert" },
      ],
    },

    // ── Staff of the other communities ──
    {
      username: "staff-baoshi",
      displayName: "林芳",
      phone: "138-5711-0101",
      memberships: [{ community: "baoshi", role: "community_staff" }],
    },
    {
      username: "grid-baoshi",
      displayName: "吴海燕",
      phone: "136-5711-0102",
      memberships: [{ community: "baoshi", role: "grid_worker", grid: "BS-01" }],
    },
    {
      username: "staff-shangbao",
      displayName: "郑国强",
      phone: "138-5712-0201",
      memberships: [{ community: "shangbao", role: "community_staff" }],
    },
    {
      username: "staff-jinzhu",
      displayName: "黄丽娟",
      phone: "138-5713-0301",
      memberships: [{ community: "jinzhu", role: "community_staff" }],
    },
    {
      username: "staff-yanshanhe",
      displayName: "马建军",
      phone: "138-5714-0401",
      memberships: [{ community: "yanshanhe", role: "community_staff" }],
    },
    {
      username: "staff-quyuan",
      displayName: "许文博",
      phone: "138-5715-0501",
      memberships: [{ community: "quyuan", role: "community_staff" }],
    },

    // ── Residents of Songmuchang (居民; reps sit on the voting roll) ──
    ...residents("songmuchang", [
      ["res01", "陈国华", "131-5710-1001", "SMC-01", true],
      ["res02", "杨桂芳", "132-5710-1002", "SMC-01", false],
      ["res03", "徐志刚", "133-5710-1003", "SMC-02", true],
      ["res04", "朱美玲", "134-5710-1004", "SMC-02", false],
      ["res05", "胡建平", "135-5710-1005", "SMC-03", true],
      ["res06", "郭淑珍", "136-5710-1006", "SMC-03", false],
      ["res07", "何伟", "137-5710-1007", "SMC-04", true],
      ["res08", "高晓梅", "138-5710-1008", "SMC-04", false],
      ["res09", "罗文斌", "139-5710-1009", "SMC-01", true],
      ["res10", "梁雪芬", "150-5710-1010", "SMC-02", false],
      ["res11", "宋志明", "151-5710-1011", "SMC-03", true],
      ["res12", "谢婷婷", "152-5710-1012", "SMC-04", false],
    ]),
    // ── Residents of Baoshi ──
    ...residents("baoshi", [
      ["res13", "韩德明", "153-5711-1013", "BS-01", true],
      ["res14", "唐秀兰", "155-5711-1014", "BS-01", false],
      ["res15", "冯海涛", "156-5711-1015", "BS-02", true],
      ["res16", "董丽华", "157-5711-1016", "BS-02", false],
      ["res17", "程建新", "158-5711-1017", "BS-03", true],
      ["res18", "曹玉珍", "159-5711-1018", "BS-03", false],
      ["res19", "袁浩", "182-5711-1019", "BS-04", false],
      ["res20", "邓雅琴", "183-5711-1020", "BS-04", false],
    ]),
  ],

  issues: [
    // ── 松木场 Songmuchang ──
    {
      community: "songmuchang",
      grid: "SMC-02",
      category: "property",
      reporter: "grid",
      title: "松木场老旧小区物业管理缺位",
      description:
        "松木场小区建于上世纪八十年代，至今没有物业公司，楼道保洁、化粪池清掏和公共设施维修长期无人负责。居民多次反映楼道灯坏了没人修、外来车辆随意进出。建议召开议事会商议引入物业公司、试行老小区物业化管理，并讨论收费标准。",
      address: "松木场小区12幢至20幢",
      urgency: "normal",
      status: "accepted",
      createdDaysAgo: 45,
      changedDaysAgo: 43,
      statusNote: "已受理，拟提交幸福议事厅民生圆桌会协商。",
    },
    {
      community: "songmuchang",
      grid: "SMC-03",
      category: "old_building",
      reporter: "staff",
      title: "天目山路79号危旧房安全隐患",
      description:
        "天目山路79号为上世纪五十年代砖木结构住宅，墙体开裂、木楼梯腐朽，雨季屋顶渗漏严重。经社区初步排查存在安全隐患，住户多为独居老人。需要区住建局组织房屋安全鉴定并提出解危方案。",
      address: "天目山路79号",
      urgency: "high",
      status: "escalated",
      createdDaysAgo: 20,
      changedDaysAgo: 12,
      statusNote: "网格吹哨：请西湖区住建局组织房屋安全鉴定。",
      escalation: { unit: "xihu-housing", dueInDays: 10 },
    },
    {
      community: "songmuchang",
      grid: "SMC-04",
      category: "safety",
      reporter: "grid",
      title: "楼道堆物堵塞疏散通道，存在消防隐患",
      description:
        "多个楼道堆放旧家具、纸板箱和电动自行车，堵塞疏散通道。北山消防中队已表示可以联合社区逐栋排查。部分居民担心清理物品的去向，需要事先做好沟通。",
      address: "松木场小区5幢、7幢、9幢楼道",
      urgency: "high",
      status: "in_progress",
      createdDaysAgo: 18,
      changedDaysAgo: 15,
      statusNote: "已与北山消防中队约定逐栋清理，先张贴告示七天。",
    },
    {
      community: "songmuchang",
      grid: "SMC-02",
      category: "elderly_children",
      reporter: "res03",
      title: "社区缺少老年食堂，高龄老人吃饭难",
      description:
        "社区80岁以上老人有两百多位，不少独居老人每天买菜做饭很吃力。建议利用社区用房开设老年食堂或助餐点，并请周边单位合作提供送餐服务。希望在议事会上讨论选址、价格和补贴办法。",
      address: "松木场社区服务中心一楼",
      urgency: "normal",
      status: "accepted",
      createdDaysAgo: 12,
      changedDaysAgo: 10,
      statusNote: "已受理，将邀请区民政局和共建单位列席议事会。",
    },
    {
      community: "songmuchang",
      grid: "SMC-01",
      category: "environment",
      reporter: "resident",
      title: "小区东门垃圾分类点异味严重",
      description:
        "小区东门垃圾分类投放点紧邻住户窗户，夏天厨余垃圾清运不及时，异味很重，还招来蚊蝇。居民希望增加清运频次、对投放点冲洗除臭，或者考虑迁移投放点位置。",
      address: "松木场小区东门垃圾分类投放点",
      urgency: "normal",
      status: "escalated",
      createdDaysAgo: 9,
      changedDaysAgo: 6,
      statusNote: "清运频次需区城管局调整，已吹哨报到。",
      escalation: { unit: "xihu-urban-mgmt", dueInDays: 7 },
    },
    {
      community: "songmuchang",
      grid: "SMC-03",
      category: "parking",
      reporter: "res05",
      title: "夜间停车难，消防通道常被占用",
      description:
        "晚上七点以后小区内和松木场路沿线停满车辆，消防通道经常被占用。下班晚的居民只能绕很远去停车。建议研究周边单位停车场夜间错时共享的可能。",
      address: "松木场路与保俶北路交叉口一带",
      urgency: "normal",
      status: "submitted",
      createdDaysAgo: 4,
    },
    {
      community: "songmuchang",
      grid: "SMC-01",
      category: "safety",
      reporter: "res02",
      title: "电动自行车飞线充电，急需集中充电桩",
      description:
        "有住户从楼上窗口拉电线给电动自行车充电，电线垂到一楼，雨天尤其危险。小区里没有集中充电设施。希望尽快加装充电桩，并加强安全宣传。",
      address: "松木场小区3幢北侧",
      urgency: "high",
      status: "submitted",
      createdDaysAgo: 2,
    },

    // ── 宝石 Baoshi ──
    {
      community: "baoshi",
      grid: "BS-01",
      category: "old_building",
      reporter: "res13",
      title: "宝石一路2号加装电梯",
      description:
        "宝石一路2号是六层老楼，没有电梯，楼里住着不少行动不便的老人，上下楼非常困难。加装电梯需要本单元业主协商一致，一楼住户担心采光和噪音。希望街道和社区牵头，邀请居民代表和相关单位一起协商，推动加装电梯。",
      address: "宝石一路2号",
      urgency: "normal",
      status: "resolved",
      createdDaysAgo: 60,
      changedDaysAgo: 5,
      statusNote: "经多次协商，方案获本单元业主同意，电梯已安装并通过验收。",
    },
    {
      community: "baoshi",
      grid: "BS-02",
      category: "utilities",
      reporter: "res15",
      title: "桃园新村二次供水水压不足",
      description:
        "桃园新村用水高峰时水压严重不足，五楼以上早晚经常没水。屋顶水箱老化，居民担心水质。问题涉及水务集团、小区和多个部门，希望协调简化改造流程，尽快解决用水难。",
      address: "宝石社区桃园新村",
      urgency: "high",
      status: "in_progress",
      createdDaysAgo: 40,
      changedDaysAgo: 20,
      statusNote: "水务集团已完成检测，加压泵房改造施工中。",
    },
    {
      community: "baoshi",
      grid: "BS-04",
      category: "parking",
      reporter: "res19",
      title: "保俶路学校门口接送车辆占道",
      description:
        "保俶塔实验学校上下学时段，接送孩子的车辆在保俶路两侧临时停靠，早晚高峰经常拥堵。老人和孩子过马路很不安全。希望学校、交警和社区一起商量错峰接送和临时停车办法。",
      address: "保俶路保俶塔实验学校门口",
      urgency: "normal",
      status: "accepted",
      createdDaysAgo: 14,
      changedDaysAgo: 13,
      statusNote: "已受理，邀请学校参加下次民情观察室。",
    },

    // ── Other communities ──
    {
      community: "jinzhu",
      grid: "JZ-02",
      category: "old_building",
      reporter: "staff-jinzhu",
      title: "金祝新村外墙面砖脱落",
      description: "金祝新村多幢住宅外墙面砖脱落、雨天渗水，已有墙砖掉落砸到自行车棚。居民希望纳入“美丽家园”改造计划，先行设置警示围挡。",
      address: "金祝新村8幢、10幢",
      urgency: "high",
      status: "submitted",
      createdDaysAgo: 7,
    },
    {
      community: "yanshanhe",
      grid: "YSH-01",
      category: "environment",
      reporter: "staff-yanshanhe",
      title: "沿山河河面漂浮垃圾较多",
      description: "沿山河杭大路段河面漂浮垃圾和落叶较多，雨后有异味。希望增加河道保洁频次，并请辖区单位参与“五水共治”义务巡河。",
      address: "沿山河杭大路段",
      urgency: "low",
      status: "resolved",
      createdDaysAgo: 25,
      changedDaysAgo: 8,
      statusNote: "保洁频次已调整为每日两次，共建单位认领义务巡河。",
    },
    {
      community: "quyuan",
      grid: "QY-01",
      category: "parking",
      reporter: "staff-quyuan",
      title: "白沙泉街区共享单车乱停放",
      description: "白沙泉金融街区周边共享单车乱停乱放，占用盲道和消防通道。希望与运营企业和街区管理办公室商量划定停放区，并安排定时清理。",
      address: "白沙泉并购金融街区入口",
      urgency: "normal",
      status: "accepted",
      createdDaysAgo: 10,
      changedDaysAgo: 9,
      statusNote: "已受理，联系街区管理办公室共同协商。",
    },
  ],
} as const satisfies DemoData;

/** Residents of one community from compact rows: [username, displayName, phone, grid, isResidentRep]. */
function residents(
  community: string,
  rows: readonly (readonly [username: string, displayName: string, phone: string, grid: string, isResidentRep: boolean])[],
): SeedUser[] {
  return rows.map(([username, displayName, phone, grid, isResidentRep]) => ({
    username,
    displayName,
    phone,
    memberships: [{ community, role: "resident", grid, isResidentRep }],
  }));
}
