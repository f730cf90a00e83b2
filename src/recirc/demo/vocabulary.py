"""Words for a believable demo city: operator names, people, and goods per category (zh and en)."""

from __future__ import annotations

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈"
GIVEN_NAMES = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超",
               "秀英", "华", "慧", "建国", "晓东", "雨涵", "子轩", "欣怡", "浩然", "思远", "梓涵", "一鸣", "诗琪")

NICKNAMES = ("闲置达人", "旧物新生", "绿色生活", "二手控", "循环小能手", "爱淘好物", "书虫", "骑行者", "宝妈", "数码迷")

STREETS = ("文三路", "教工路", "天目山路", "学院路", "莫干山路", "解放路", "庆春路", "延安路", "江南大道", "滨盛路",
           "金城路", "人民路", "临平大道", "下沙路", "富春路", "衣锦街", "新安江路", "迎春南路", "钱江路", "湖墅南路")

# (Chinese name stem, English stem) per operator kind.
OPERATOR_NAMES: dict[str, tuple[tuple[str, str], ...]] = {
    "transaction_market": (("杭州旧货交易市场", "Hangzhou Second-hand Goods Market"),
                           ("城北二手商品交易市场", "Chengbei Second-hand Market"),
                           ("钱江二手数码城", "Qianjiang Second-hand Digital Mall")),
    "rural_trade_centre": (("桐庐县城乡旧货交易中心", "Tonglu Rural Second-hand Trade Centre"),
                           ("淳安县千岛湖旧货交易中心", "Chun'an Qiandaohu Rural Trade Centre")),
    "online_platform": (("循环好物", "Recirc Goods Online"), ("闲置宝", "Idle Treasure"),
                        ("二手优选", "Second-hand Select"), ("邻里换", "Neighbour Swap Online")),
    "enterprise": (("绿色回收", "Green Recycling"), ("机优品", "Phone Prime"), ("衣循环", "Wardrobe Loop"),
                   ("家具新生", "Furniture Reborn"), ("数码焕新", "Digital Renew"), ("书香再续", "Book Again"),
                   ("童趣循环", "Kids Loop"), ("臻品鉴定", "Luxe Verified"), ("骑行二手", "Ride Again"),
                   ("家电翻新", "Appliance Refurb"), ("循环电脑", "PC Cycle"), ("旧衣新主", "New Owner Clothing"),
                   ("老物件", "Old Things Co."), ("回收达人", "Recycle Pro"), ("优品寄卖", "Quality Consign")),
    "individual_operator": (("老王二手手机", "Lao Wang Used Phones"), ("小李旧家具", "Xiao Li Used Furniture"),
                            ("陈记二手衣铺", "Chen's Used Clothing"), ("张师傅家电", "Master Zhang Appliances"),
                            ("刘姐童装", "Sister Liu Kidswear"), ("周记旧书摊", "Zhou's Book Stall"),
                            ("吴家自行车", "Wu Family Bicycles"), ("赵氏数码", "Zhao Digital"),
                            ("孙记古玩杂项", "Sun's Curios"), ("郑记二手电脑", "Zheng Used Computers"),
                            ("何记箱包", "He's Bags"), ("林记家居", "Lin Home")),
    "community_consignment_shop": (("翠苑社区寄卖店", "Cuiyuan Community Consignment"),
                                   ("文新社区闲置铺", "Wenxin Community Idle Shop"),
                                   ("滨江邻里寄卖", "Binjiang Neighbour Consignment"),
                                   ("临平社区爱心寄卖", "Linping Community Charity Shop"),
                                   ("钱塘社区循环站", "Qiantang Community Loop Station"),
                                   ("上城小河社区寄卖", "Xiaohe Community Consignment")),
}

# Goods per category code: brand -> models; the seed falls back to GENERIC for other categories.
GOODS: dict[str, dict[str, tuple[str, ...]]] = {
    "mobile-phones": {"Apple": ("iPhone 13", "iPhone 14 Pro", "iPhone 12", "iPhone 15"),
                      "Huawei": ("Mate 40 Pro", "P50", "nova 9"), "Xiaomi": ("13", "Redmi Note 12"),
                      "OPPO": ("Reno 8", "Find X5"), "vivo": ("X90", "S16"), "Honor": ("Magic 5", "X40"),
                      "Samsung": ("Galaxy S22", "Galaxy A53")},
    "tablets": {"Apple": ("iPad Air 5", "iPad 9"), "Huawei": ("MatePad 11",), "Xiaomi": ("Pad 6",)},
    "laptops": {"Lenovo": ("ThinkPad X1 Carbon", "小新 Pro 14"), "Apple": ("MacBook Air M1",),
                "Huawei": ("MateBook 14",), "Dell": ("XPS 13",)},
    "desktop-computers": {"Lenovo": ("扬天 M4000",), "Dell": ("OptiPlex 7090",), "HP": ("ProDesk 400",)},
    "clothing": {"优衣库": ("羊毛大衣", "羽绒服", "牛仔裤"), "海澜之家": ("西装外套", "衬衫"),
                 "李宁": ("运动卫衣", "跑步外套"), "波司登": ("长款羽绒服",), "ZARA": ("风衣", "连衣裙")},
    "furniture": {"宜家": ("毕利书柜", "马尔姆抽屉柜", "克利帕沙发"), "顾家家居": ("布艺沙发", "电动床"),
                  "林氏木业": ("实木餐桌", "衣柜"), "全友家居": ("书桌", "床头柜")},
    "household-appliances": {"美的": ("变频空调 KFR-35GW", "滚筒洗衣机 MG100"), "海尔": ("双门冰箱 BCD-218",),
                             "格力": ("云佳空调",), "苏泊尔": ("电饭煲 SF40",)},
    "bicycles": {"捷安特": ("ATX 660", "Escape 2"), "永久": ("城市通勤车",), "凤凰": ("复古自行车",),
                 "小米": ("米家电助力折叠车",)},
    "books": {"人民文学出版社": ("红楼梦", "围城"), "中信出版社": ("人类简史",), "商务印书馆": ("新华字典",)},
    "luxury-bags-watches": {"Coach": ("Tabby 手袋",), "Longines": ("名匠系列腕表",), "Tissot": ("力洛克腕表",)},
    "baby-goods": {"好孩子": ("婴儿推车 GB-X", "安全座椅 CS-5"), "Babycare": ("婴儿床",), "Stokke": ("成长椅",)},
}
GENERIC: dict[str, tuple[str, ...]] = {"": ("二手好物",)}

COLOURS = ("黑色", "白色", "银色", "金色", "蓝色", "绿色", "紫色", "红色", "灰色")
MATERIALS = ("实木", "板材", "布艺", "皮革", "棉", "羊毛", "聚酯纤维", "金属")
