--
-- PostgreSQL database dump
--


-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: v2fix; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA v2fix;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: artifacts; Type: TABLE; Schema: v2fix; Owner: -
--

CREATE TABLE v2fix.artifacts (
    kind text NOT NULL,
    key text NOT NULL,
    json text NOT NULL,
    updated_ms bigint NOT NULL
);


--
-- Name: authors; Type: TABLE; Schema: v2fix; Owner: -
--

CREATE TABLE v2fix.authors (
    platform text NOT NULL,
    author_id text NOT NULL,
    handle text,
    name text,
    followers bigint DEFAULT 0 NOT NULL,
    location text,
    verified integer DEFAULT 0 NOT NULL,
    last_seen_ms bigint NOT NULL
);


--
-- Name: post_brands; Type: TABLE; Schema: v2fix; Owner: -
--

CREATE TABLE v2fix.post_brands (
    brand text NOT NULL,
    platform text NOT NULL,
    post_id text NOT NULL,
    created_ms bigint NOT NULL,
    sentiment text,
    polarity real,
    engagement bigint DEFAULT 0 NOT NULL
);


--
-- Name: posts; Type: TABLE; Schema: v2fix; Owner: -
--

CREATE TABLE v2fix.posts (
    platform text NOT NULL,
    post_id text NOT NULL,
    author_id text NOT NULL,
    author_handle text,
    author_name text,
    author_followers bigint DEFAULT 0 NOT NULL,
    author_location text,
    author_verified integer DEFAULT 0 NOT NULL,
    text text NOT NULL,
    lang text,
    created_ms bigint NOT NULL,
    created_offset_min integer DEFAULT 0 NOT NULL,
    likes bigint DEFAULT 0 NOT NULL,
    shares bigint DEFAULT 0 NOT NULL,
    replies bigint DEFAULT 0 NOT NULL,
    views bigint DEFAULT 0 NOT NULL,
    url text,
    hashtags text,
    mentions text,
    links text,
    reply_to text,
    quote_of text,
    repost_of text,
    brands text,
    campaign text,
    near_dup_of text,
    sentiment text,
    p_neg real,
    p_neu real,
    p_pos real,
    scorer text,
    model_version text,
    brand_sentiments text,
    source text,
    ingested_ms bigint NOT NULL
);


--
-- Name: rejects; Type: TABLE; Schema: v2fix; Owner: -
--

CREATE TABLE v2fix.rejects (
    id bigint NOT NULL,
    reason text NOT NULL,
    detail text NOT NULL,
    source text NOT NULL,
    raw text,
    at_ms bigint NOT NULL
);


--
-- Name: rejects_id_seq; Type: SEQUENCE; Schema: v2fix; Owner: -
--

CREATE SEQUENCE v2fix.rejects_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: rejects_id_seq; Type: SEQUENCE OWNED BY; Schema: v2fix; Owner: -
--

ALTER SEQUENCE v2fix.rejects_id_seq OWNED BY v2fix.rejects.id;


--
-- Name: schema_version; Type: TABLE; Schema: v2fix; Owner: -
--

CREATE TABLE v2fix.schema_version (
    version integer NOT NULL,
    name text NOT NULL,
    applied_ms bigint NOT NULL
);


--
-- Name: rejects id; Type: DEFAULT; Schema: v2fix; Owner: -
--

ALTER TABLE ONLY v2fix.rejects ALTER COLUMN id SET DEFAULT nextval('v2fix.rejects_id_seq'::regclass);


--
-- Data for Name: artifacts; Type: TABLE DATA; Schema: v2fix; Owner: -
--

INSERT INTO v2fix.artifacts VALUES ('burst', 'acme-1', '{"brand":"acme"}', 1796151746129);


--
-- Data for Name: authors; Type: TABLE DATA; Schema: v2fix; Owner: -
--

INSERT INTO v2fix.authors VALUES ('reddit', 'a0', 'h0', 'Name 0', 0, NULL, 1, 1793491200000);
INSERT INTO v2fix.authors VALUES ('reddit', 'a7', 'h7', NULL, 700, 'Lyon', 0, 1793579400000);
INSERT INTO v2fix.authors VALUES ('reddit', 'a1', 'h1', 'Name 28', 2800, 'Lyon', 1, 1793844000000);
INSERT INTO v2fix.authors VALUES ('reddit', 'a8', 'h8', NULL, 3500, 'Lyon', 0, 1793932200000);
INSERT INTO v2fix.authors VALUES ('x', 'a0', 'h0', 'Name 36', 3600, NULL, 1, 1793944800000);
INSERT INTO v2fix.authors VALUES ('reddit', 'a6', 'h6', 'Name 42', 4200, NULL, 0, 1794020400000);
INSERT INTO v2fix.authors VALUES ('x', 'a7', 'h7', 'Name 16', 4300, 'Lyon', 0, 1794033000000);
INSERT INTO v2fix.authors VALUES ('x', 'a8', 'h8', 'Name 44', 4400, 'Lyon', 1, 1794045600000);
INSERT INTO v2fix.authors VALUES ('reddit', 'a4', 'h4', NULL, 4900, 'Lyon', 0, 1794108600000);
INSERT INTO v2fix.authors VALUES ('reddit', 'a2', 'h2', 'Name 56', 5600, 'Lyon', 1, 1794196800000);
INSERT INTO v2fix.authors VALUES ('x', 'a1', 'h1', 'Name 10', 1000, 'Lyon', 0, 1793617200000);
INSERT INTO v2fix.authors VALUES ('x', 'a3', 'h3', 'Name 12', 1200, NULL, 1, 1793642400000);
INSERT INTO v2fix.authors VALUES ('reddit', 'a5', 'h5', 'Name 14', 1400, 'Lyon', 0, 1793667600000);
INSERT INTO v2fix.authors VALUES ('x', 'a2', 'h2', 'Name 20', 2000, 'Lyon', 1, 1793743200000);
INSERT INTO v2fix.authors VALUES ('reddit', 'a3', 'h3', NULL, 2100, NULL, 0, 1793755800000);
INSERT INTO v2fix.authors VALUES ('x', 'a4', 'h4', 'Name 22', 2200, 'Lyon', 0, 1793768400000);
INSERT INTO v2fix.authors VALUES ('x', 'a5', 'h5', NULL, 2300, 'Lyon', 0, 1793781000000);
INSERT INTO v2fix.authors VALUES ('x', 'a6', 'h6', 'Name 24', 2400, NULL, 1, 1793793600000);


--
-- Data for Name: post_brands; Type: TABLE DATA; Schema: v2fix; Owner: -
--

INSERT INTO v2fix.post_brands VALUES ('acme', 'x', 'p1', 1793503800000, 'neutral', 0.59999996, 3);
INSERT INTO v2fix.post_brands VALUES ('globex', 'x', 'p2', 1793516400000, 'negative', -0.7, 6);
INSERT INTO v2fix.post_brands VALUES ('acme', 'x', 'p2', 1793516400000, 'positive', 0.40000004, 6);
INSERT INTO v2fix.post_brands VALUES ('initech', 'x', 'p3', 1793529000000, NULL, NULL, 6);
INSERT INTO v2fix.post_brands VALUES ('acme', 'x', 'p4', 1793541600000, 'neutral', 0.59999996, 5);
INSERT INTO v2fix.post_brands VALUES ('globex', 'x', 'p4', 1793541600000, 'neutral', 0.59999996, 5);
INSERT INTO v2fix.post_brands VALUES ('initech', 'x', 'p4', 1793541600000, 'neutral', 0.59999996, 5);
INSERT INTO v2fix.post_brands VALUES ('globex', 'x', 'p5', 1793554200000, 'positive', 0.40000004, 8);
INSERT INTO v2fix.post_brands VALUES ('acme', 'reddit', 'p7', 1793579400000, NULL, NULL, 11);
INSERT INTO v2fix.post_brands VALUES ('globex', 'x', 'p8', 1793592000000, 'negative', -0.7, 10);
INSERT INTO v2fix.post_brands VALUES ('acme', 'x', 'p8', 1793592000000, 'positive', 0.40000004, 10);
INSERT INTO v2fix.post_brands VALUES ('initech', 'x', 'p9', 1793604600000, 'negative', 0.8, 10);
INSERT INTO v2fix.post_brands VALUES ('initech', 'x', 'p15', 1793680200000, NULL, NULL, 18);
INSERT INTO v2fix.post_brands VALUES ('acme', 'x', 'p16', 1793692800000, 'neutral', 0.59999996, 17);
INSERT INTO v2fix.post_brands VALUES ('globex', 'x', 'p16', 1793692800000, 'neutral', 0.59999996, 17);
INSERT INTO v2fix.post_brands VALUES ('initech', 'x', 'p16', 1793692800000, 'neutral', 0.59999996, 17);
INSERT INTO v2fix.post_brands VALUES ('globex', 'x', 'p17', 1793705400000, 'positive', 0.40000004, 20);
INSERT INTO v2fix.post_brands VALUES ('acme', 'x', 'p19', 1793730600000, NULL, NULL, 23);
INSERT INTO v2fix.post_brands VALUES ('acme', 'x', 'p25', 1793806200000, 'neutral', 0.59999996, 27);
INSERT INTO v2fix.post_brands VALUES ('globex', 'x', 'p26', 1793818800000, 'negative', -0.7, 30);
INSERT INTO v2fix.post_brands VALUES ('acme', 'x', 'p26', 1793818800000, 'positive', 0.40000004, 30);
INSERT INTO v2fix.post_brands VALUES ('initech', 'x', 'p27', 1793831400000, NULL, NULL, 30);
INSERT INTO v2fix.post_brands VALUES ('acme', 'reddit', 'p28', 1793844000000, 'neutral', 0.59999996, 29);
INSERT INTO v2fix.post_brands VALUES ('globex', 'reddit', 'p28', 1793844000000, 'neutral', 0.59999996, 29);
INSERT INTO v2fix.post_brands VALUES ('initech', 'reddit', 'p28', 1793844000000, 'neutral', 0.59999996, 29);
INSERT INTO v2fix.post_brands VALUES ('globex', 'x', 'p29', 1793856600000, 'positive', 0.40000004, 32);
INSERT INTO v2fix.post_brands VALUES ('globex', 'reddit', 'p35', 1793932200000, NULL, NULL, 40);
INSERT INTO v2fix.post_brands VALUES ('acme', 'x', 'p37', 1793957400000, 'neutral', 0.59999996, 39);
INSERT INTO v2fix.post_brands VALUES ('globex', 'x', 'p38', 1793970000000, 'negative', -0.7, 42);
INSERT INTO v2fix.post_brands VALUES ('acme', 'x', 'p38', 1793970000000, 'positive', 0.40000004, 42);
INSERT INTO v2fix.post_brands VALUES ('initech', 'x', 'p39', 1793982600000, NULL, NULL, 42);
INSERT INTO v2fix.post_brands VALUES ('acme', 'x', 'p40', 1793995200000, 'neutral', 0.59999996, 41);
INSERT INTO v2fix.post_brands VALUES ('globex', 'x', 'p40', 1793995200000, 'neutral', 0.59999996, 41);
INSERT INTO v2fix.post_brands VALUES ('initech', 'x', 'p40', 1793995200000, 'neutral', 0.59999996, 41);
INSERT INTO v2fix.post_brands VALUES ('globex', 'x', 'p41', 1794007800000, 'positive', 0.40000004, 44);
INSERT INTO v2fix.post_brands VALUES ('acme', 'x', 'p43', 1794033000000, NULL, NULL, 47);
INSERT INTO v2fix.post_brands VALUES ('globex', 'x', 'p44', 1794045600000, 'negative', -0.7, 46);
INSERT INTO v2fix.post_brands VALUES ('acme', 'x', 'p44', 1794045600000, 'positive', 0.40000004, 46);
INSERT INTO v2fix.post_brands VALUES ('initech', 'x', 'p45', 1794058200000, 'negative', 0.8, 46);
INSERT INTO v2fix.post_brands VALUES ('acme', 'x', 'p46', 1794070800000, 'neutral', 0.59999996, 49);
INSERT INTO v2fix.post_brands VALUES ('globex', 'x', 'p46', 1794070800000, 'neutral', 0.59999996, 49);
INSERT INTO v2fix.post_brands VALUES ('initech', 'x', 'p46', 1794070800000, 'neutral', 0.59999996, 49);
INSERT INTO v2fix.post_brands VALUES ('globex', 'x', 'p47', 1794083400000, NULL, NULL, 52);
INSERT INTO v2fix.post_brands VALUES ('acme', 'reddit', 'p49', 1794108600000, 'neutral', 0.59999996, 51);
INSERT INTO v2fix.post_brands VALUES ('globex', 'x', 'p50', 1794121200000, 'negative', -0.7, 54);
INSERT INTO v2fix.post_brands VALUES ('acme', 'x', 'p50', 1794121200000, 'positive', 0.40000004, 54);
INSERT INTO v2fix.post_brands VALUES ('initech', 'x', 'p51', 1794133800000, NULL, NULL, 54);
INSERT INTO v2fix.post_brands VALUES ('acme', 'x', 'p52', 1794146400000, 'neutral', 0.59999996, 53);
INSERT INTO v2fix.post_brands VALUES ('globex', 'x', 'p52', 1794146400000, 'neutral', 0.59999996, 53);
INSERT INTO v2fix.post_brands VALUES ('initech', 'x', 'p52', 1794146400000, 'neutral', 0.59999996, 53);
INSERT INTO v2fix.post_brands VALUES ('globex', 'x', 'p53', 1794159000000, 'positive', 0.40000004, 56);
INSERT INTO v2fix.post_brands VALUES ('acme', 'x', 'p55', 1794184200000, NULL, NULL, 59);
INSERT INTO v2fix.post_brands VALUES ('globex', 'reddit', 'p56', 1794196800000, 'negative', -0.7, 58);
INSERT INTO v2fix.post_brands VALUES ('acme', 'reddit', 'p56', 1794196800000, 'positive', 0.40000004, 58);
INSERT INTO v2fix.post_brands VALUES ('initech', 'x', 'p57', 1794209400000, 'negative', 0.8, 58);
INSERT INTO v2fix.post_brands VALUES ('acme', 'x', 'p58', 1794222000000, 'neutral', 0.59999996, 61);
INSERT INTO v2fix.post_brands VALUES ('globex', 'x', 'p58', 1794222000000, 'neutral', 0.59999996, 61);
INSERT INTO v2fix.post_brands VALUES ('initech', 'x', 'p58', 1794222000000, 'neutral', 0.59999996, 61);
INSERT INTO v2fix.post_brands VALUES ('globex', 'x', 'p59', 1794234600000, NULL, NULL, 64);
INSERT INTO v2fix.post_brands VALUES ('globex', 'x', 'p10', 1793617200000, 'neutral', 0.59999996, 13);
INSERT INTO v2fix.post_brands VALUES ('globex', 'x', 'p11', 1793629800000, NULL, NULL, 16);
INSERT INTO v2fix.post_brands VALUES ('globex', 'x', 'p12', 1793642400000, 'negative', 0.8, 12);
INSERT INTO v2fix.post_brands VALUES ('globex', 'x', 'p13', 1793655000000, 'neutral', 0.59999996, 15);
INSERT INTO v2fix.post_brands VALUES ('globex', 'reddit', 'p14', 1793667600000, 'negative', -0.7, 18);
INSERT INTO v2fix.post_brands VALUES ('globex', 'x', 'p20', 1793743200000, 'negative', -0.7, 22);
INSERT INTO v2fix.post_brands VALUES ('acme', 'x', 'p20', 1793743200000, 'positive', 0.40000004, 22);
INSERT INTO v2fix.post_brands VALUES ('initech', 'reddit', 'p21', 1793755800000, 'negative', 0.8, 22);
INSERT INTO v2fix.post_brands VALUES ('acme', 'x', 'p22', 1793768400000, 'neutral', 0.59999996, 25);
INSERT INTO v2fix.post_brands VALUES ('globex', 'x', 'p22', 1793768400000, 'neutral', 0.59999996, 25);
INSERT INTO v2fix.post_brands VALUES ('initech', 'x', 'p22', 1793768400000, 'neutral', 0.59999996, 25);
INSERT INTO v2fix.post_brands VALUES ('globex', 'x', 'p23', 1793781000000, NULL, NULL, 28);
INSERT INTO v2fix.post_brands VALUES ('acme', 'x', 'p31', 1793881800000, 'negative', -0.75, 35);
INSERT INTO v2fix.post_brands VALUES ('globex', 'x', 'p32', 1793894400000, 'negative', -0.7, 34);
INSERT INTO v2fix.post_brands VALUES ('acme', 'x', 'p32', 1793894400000, 'negative', -0.75, 34);
INSERT INTO v2fix.post_brands VALUES ('initech', 'x', 'p33', 1793907000000, 'negative', -0.75, 34);
INSERT INTO v2fix.post_brands VALUES ('acme', 'x', 'p34', 1793919600000, 'negative', -0.75, 37);
INSERT INTO v2fix.post_brands VALUES ('globex', 'x', 'p34', 1793919600000, 'negative', -0.75, 37);
INSERT INTO v2fix.post_brands VALUES ('initech', 'x', 'p34', 1793919600000, 'negative', -0.75, 37);


--
-- Data for Name: posts; Type: TABLE DATA; Schema: v2fix; Owner: -
--

INSERT INTO v2fix.posts VALUES ('reddit', 'p0', 'a0', 'h0', 'Name 0', 0, NULL, 1, 'post 0 about the launch of the new phone', 'fr', 1793491200000, 120, 0, 0, 0, 0, 'https://x.example/0', 'launch tag0', '@acme', NULL, 'p1', NULL, NULL, NULL, 'fall', NULL, 'negative', 0, 0.2, 0.8, 'model', 'm1', NULL, 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('x', 'p1', 'a1', 'h1', NULL, 100, 'Lyon', 0, 'post 1 about the launch of the new phone', 'en', 1793503800000, 0, 1, 1, 1, 10, NULL, 'launch tag1', NULL, NULL, NULL, NULL, NULL, 'acme', NULL, NULL, 'neutral', 0.1, 0.2, 0.7, 'model', 'm1', NULL, 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('x', 'p2', 'a2', 'h2', 'Name 2', 200, 'Lyon', 0, 'post 2 about the launch of the new phone', 'en', 1793516400000, 0, 2, 2, 2, 20, 'https://x.example/2', 'launch tag2', NULL, NULL, NULL, NULL, NULL, 'globex acme', NULL, NULL, 'positive', 0.2, 0.2, 0.6, 'model', 'm1', '[{"Brand":"globex","Label":"negative","Polarity":-0.7}]', 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('x', 'p3', 'a3', 'h3', NULL, 300, NULL, 0, 'post 3 about the launch of the new phone', 'en', 1793529000000, 0, 3, 3, 0, 30, NULL, 'launch tag0', '@acme', NULL, NULL, NULL, NULL, 'initech', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('x', 'p4', 'a4', 'h4', 'Name 4', 400, 'Lyon', 1, 'post 4 about the launch of the new phone', 'en', 1793541600000, 120, 4, 0, 1, 40, 'https://x.example/4', NULL, NULL, NULL, NULL, NULL, NULL, 'acme globex initech', NULL, NULL, 'neutral', 0.1, 0.2, 0.7, 'model', 'm1', NULL, 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('x', 'p5', 'a5', 'h5', NULL, 500, 'Lyon', 0, 'post 5 about the launch of the new phone', 'fr', 1793554200000, 0, 5, 1, 2, 50, NULL, 'launch tag2', NULL, NULL, NULL, NULL, NULL, 'globex', NULL, NULL, 'positive', 0.2, 0.2, 0.6, 'model', 'm1', NULL, 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('x', 'p6', 'a6', 'h6', 'Name 6', 600, NULL, 0, 'post 6 about the launch of the new phone', 'en', 1793566800000, 0, 6, 2, 0, 60, 'https://x.example/6', 'launch tag0', '@acme', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'negative', 0, 0.2, 0.8, 'model', 'm1', NULL, 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('reddit', 'p7', 'a7', 'h7', NULL, 700, 'Lyon', 0, 'post 7 about the launch of the new phone', 'en', 1793579400000, 0, 7, 3, 1, 70, NULL, 'launch tag1', NULL, NULL, NULL, NULL, NULL, 'acme', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('x', 'p8', 'a8', 'h8', 'Name 8', 800, 'Lyon', 1, 'post 8 about the launch of the new phone', 'en', 1793592000000, 120, 8, 0, 2, 80, 'https://x.example/8', 'launch tag2', NULL, NULL, 'p1', NULL, NULL, 'globex acme', NULL, NULL, 'positive', 0.2, 0.2, 0.6, 'model', 'm1', '[{"Brand":"globex","Label":"negative","Polarity":-0.7}]', 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('x', 'p9', 'a0', 'h0', NULL, 900, NULL, 0, 'post 9 about the launch of the new phone', 'en', 1793604600000, 0, 9, 1, 0, 90, NULL, NULL, '@acme', NULL, NULL, NULL, NULL, 'initech', NULL, NULL, 'negative', 0, 0.2, 0.8, 'model', 'm1', NULL, 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('x', 'p15', 'a6', 'h6', NULL, 1500, NULL, 0, 'post 15 about the launch of the new phone', 'fr', 1793680200000, 0, 15, 3, 0, 150, NULL, 'launch tag0', '@acme', NULL, NULL, NULL, NULL, 'initech', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('x', 'p16', 'a7', 'h7', 'Name 16', 1600, 'Lyon', 1, 'post 16 about the launch of the new phone', 'en', 1793692800000, 120, 16, 0, 1, 160, 'https://x.example/16', 'launch tag1', NULL, NULL, 'p1', NULL, NULL, 'acme globex initech', NULL, NULL, 'neutral', 0.1, 0.2, 0.7, 'model', 'm1', NULL, 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('x', 'p17', 'a8', 'h8', NULL, 1700, 'Lyon', 0, 'post 17 about the launch of the new phone', 'en', 1793705400000, 0, 17, 1, 2, 170, NULL, 'launch tag2', NULL, NULL, NULL, NULL, NULL, 'globex', NULL, NULL, 'positive', 0.2, 0.2, 0.6, 'model', 'm1', NULL, 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('x', 'p18', 'a0', 'h0', 'Name 18', 1800, NULL, 0, 'post 18 about the launch of the new phone', 'en', 1793718000000, 0, 18, 2, 0, 180, 'https://x.example/18', 'launch tag0', '@acme', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'negative', 0, 0.2, 0.8, 'model', 'm1', NULL, 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('x', 'p19', 'a1', 'h1', NULL, 1900, 'Lyon', 0, 'post 19 about the launch of the new phone', 'en', 1793730600000, 0, 19, 3, 1, 190, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'acme', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('x', 'p25', 'a7', 'h7', NULL, 2500, 'Lyon', 0, 'post 25 about the launch of the new phone', 'fr', 1793806200000, 0, 25, 1, 1, 250, NULL, 'launch tag1', NULL, NULL, NULL, NULL, NULL, 'acme', NULL, NULL, 'neutral', 0.1, 0.2, 0.7, 'model', 'm1', NULL, 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('x', 'p26', 'a8', 'h8', 'Name 26', 2600, 'Lyon', 0, 'post 26 about the launch of the new phone', 'en', 1793818800000, 0, 26, 2, 2, 260, 'https://x.example/26', 'launch tag2', NULL, NULL, NULL, NULL, NULL, 'globex acme', NULL, NULL, 'positive', 0.2, 0.2, 0.6, 'model', 'm1', '[{"Brand":"globex","Label":"negative","Polarity":-0.7}]', 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('x', 'p27', 'a0', 'h0', NULL, 2700, NULL, 0, 'post 27 about the launch of the new phone', 'en', 1793831400000, 0, 27, 3, 0, 270, NULL, 'launch tag0', '@acme', NULL, NULL, NULL, NULL, 'initech', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('reddit', 'p28', 'a1', 'h1', 'Name 28', 2800, 'Lyon', 1, 'post 28 about the launch of the new phone', 'en', 1793844000000, 120, 28, 0, 1, 280, 'https://x.example/28', 'launch tag1', NULL, NULL, NULL, NULL, NULL, 'acme globex initech', NULL, NULL, 'neutral', 0.1, 0.2, 0.7, 'model', 'm1', NULL, 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('x', 'p29', 'a2', 'h2', NULL, 2900, 'Lyon', 0, 'post 29 about the launch of the new phone', 'en', 1793856600000, 0, 29, 1, 2, 290, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'globex', NULL, NULL, 'positive', 0.2, 0.2, 0.6, 'model', 'm1', NULL, 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('x', 'p20', 'a2', 'h2', 'Name 20', 2000, 'Lyon', 1, 'post 20 about the launch of the new phone', 'fr', 1793743200000, 120, 20, 0, 2, 200, 'https://x.example/20', 'launch tag2', NULL, NULL, NULL, NULL, NULL, 'globex acme', 'fall', NULL, 'positive', 0.2, 0.2, 0.6, 'model', 'm1', '[{"Brand":"globex","Label":"negative","Polarity":-0.7}]', 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('reddit', 'p21', 'a3', 'h3', NULL, 2100, NULL, 0, 'post 21 about the launch of the new phone', 'en', 1793755800000, 0, 21, 1, 0, 210, NULL, 'launch tag0', '@acme', NULL, NULL, NULL, NULL, 'initech', NULL, NULL, 'negative', 0, 0.2, 0.8, 'model', 'm1', NULL, 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('x', 'p22', 'a4', 'h4', 'Name 22', 2200, 'Lyon', 0, 'post 22 about the launch of the new phone', 'en', 1793768400000, 0, 22, 2, 1, 220, 'https://x.example/22', 'launch tag1', NULL, NULL, NULL, NULL, NULL, 'acme globex initech', NULL, NULL, 'neutral', 0.1, 0.2, 0.7, 'model', 'm1', NULL, 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('x', 'p23', 'a5', 'h5', NULL, 2300, 'Lyon', 0, 'post 23 about the launch of the new phone', 'en', 1793781000000, 0, 23, 3, 2, 230, NULL, 'launch tag2', NULL, NULL, NULL, NULL, NULL, 'globex', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('x', 'p24', 'a6', 'h6', 'Name 24', 2400, NULL, 1, 'post 24 about the launch of the new phone', 'en', 1793793600000, 120, 24, 0, 0, 240, 'https://x.example/24', NULL, '@acme', NULL, 'p1', NULL, NULL, NULL, NULL, NULL, 'negative', 0, 0.2, 0.8, 'model', 'm1', NULL, 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('x', 'p30', 'a3', 'h3', 'Name 30', 3000, NULL, 0, 'post 30 about the launch of the new phone', 'fr', 1793869200000, 0, 30, 2, 0, 300, 'https://x.example/30', 'launch tag0', '@acme', NULL, NULL, NULL, NULL, NULL, 'fall', NULL, 'negative', 0.8, 0.15, 0.05, 'llm', 'm2', NULL, 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('reddit', 'p35', 'a8', 'h8', NULL, 3500, 'Lyon', 0, 'post 35 about the launch of the new phone', 'fr', 1793932200000, 0, 35, 3, 2, 350, NULL, 'launch tag2', NULL, NULL, NULL, NULL, NULL, 'globex', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'scenario', 1796151746023);
INSERT INTO v2fix.posts VALUES ('x', 'p36', 'a0', 'h0', 'Name 36', 3600, NULL, 1, 'post 36 about the launch of the new phone', 'en', 1793944800000, 120, 36, 0, 0, 360, 'https://x.example/36', 'launch tag0', '@acme', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'negative', 0, 0.2, 0.8, 'model', 'm1', NULL, 'scenario', 1796151746023);
INSERT INTO v2fix.posts VALUES ('x', 'p37', 'a1', 'h1', NULL, 3700, 'Lyon', 0, 'post 37 about the launch of the new phone', 'en', 1793957400000, 0, 37, 1, 1, 370, NULL, 'launch tag1', NULL, NULL, NULL, NULL, NULL, 'acme', NULL, NULL, 'neutral', 0.1, 0.2, 0.7, 'model', 'm1', NULL, 'scenario', 1796151746023);
INSERT INTO v2fix.posts VALUES ('x', 'p38', 'a2', 'h2', 'Name 38', 3800, 'Lyon', 0, 'post 38 about the launch of the new phone', 'en', 1793970000000, 0, 38, 2, 2, 380, 'https://x.example/38', 'launch tag2', NULL, NULL, NULL, NULL, NULL, 'globex acme', NULL, NULL, 'positive', 0.2, 0.2, 0.6, 'model', 'm1', '[{"Brand":"globex","Label":"negative","Polarity":-0.7}]', 'scenario', 1796151746023);
INSERT INTO v2fix.posts VALUES ('x', 'p39', 'a3', 'h3', NULL, 3900, NULL, 0, 'post 39 about the launch of the new phone', 'en', 1793982600000, 0, 39, 3, 0, 390, NULL, NULL, '@acme', NULL, NULL, NULL, NULL, 'initech', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'scenario', 1796151746023);
INSERT INTO v2fix.posts VALUES ('x', 'p40', 'a4', 'h4', 'Name 40', 4000, 'Lyon', 1, 'post 40 about the launch of the new phone', 'fr', 1793995200000, 120, 40, 0, 1, 400, 'https://x.example/40', 'launch tag1', NULL, NULL, 'p1', NULL, NULL, 'acme globex initech', 'fall', NULL, 'neutral', 0.1, 0.2, 0.7, 'model', 'm1', NULL, 'scenario', 1796151746023);
INSERT INTO v2fix.posts VALUES ('x', 'p41', 'a5', 'h5', NULL, 4100, 'Lyon', 0, 'post 41 about the launch of the new phone', 'en', 1794007800000, 0, 41, 1, 2, 410, NULL, 'launch tag2', NULL, NULL, NULL, NULL, NULL, 'globex', NULL, NULL, 'positive', 0.2, 0.2, 0.6, 'model', 'm1', NULL, 'scenario', 1796151746023);
INSERT INTO v2fix.posts VALUES ('reddit', 'p42', 'a6', 'h6', 'Name 42', 4200, NULL, 0, 'post 42 about the launch of the new phone', 'en', 1794020400000, 0, 42, 2, 0, 420, 'https://x.example/42', 'launch tag0', '@acme', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'negative', 0, 0.2, 0.8, 'model', 'm1', NULL, 'scenario', 1796151746023);
INSERT INTO v2fix.posts VALUES ('x', 'p43', 'a7', 'h7', NULL, 4300, 'Lyon', 0, 'post 43 about the launch of the new phone', 'en', 1794033000000, 0, 43, 3, 1, 430, NULL, 'launch tag1', NULL, NULL, NULL, NULL, NULL, 'acme', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'scenario', 1796151746023);
INSERT INTO v2fix.posts VALUES ('x', 'p44', 'a8', 'h8', 'Name 44', 4400, 'Lyon', 1, 'post 44 about the launch of the new phone', 'en', 1794045600000, 120, 44, 0, 2, 440, 'https://x.example/44', NULL, NULL, NULL, NULL, NULL, NULL, 'globex acme', NULL, NULL, 'positive', 0.2, 0.2, 0.6, 'model', 'm1', '[{"Brand":"globex","Label":"negative","Polarity":-0.7}]', 'scenario', 1796151746023);
INSERT INTO v2fix.posts VALUES ('x', 'p45', 'a0', 'h0', NULL, 4500, NULL, 0, 'post 45 about the launch of the new phone', 'fr', 1794058200000, 0, 45, 1, 0, 450, NULL, 'launch tag0', '@acme', NULL, NULL, NULL, NULL, 'initech', NULL, NULL, 'negative', 0, 0.2, 0.8, 'model', 'm1', NULL, 'scenario', 1796151746023);
INSERT INTO v2fix.posts VALUES ('x', 'p46', 'a1', 'h1', 'Name 46', 4600, 'Lyon', 0, 'post 46 about the launch of the new phone', 'en', 1794070800000, 0, 46, 2, 1, 460, 'https://x.example/46', 'launch tag1', NULL, NULL, NULL, NULL, NULL, 'acme globex initech', NULL, NULL, 'neutral', 0.1, 0.2, 0.7, 'model', 'm1', NULL, 'scenario', 1796151746023);
INSERT INTO v2fix.posts VALUES ('x', 'p47', 'a2', 'h2', NULL, 4700, 'Lyon', 0, 'post 47 about the launch of the new phone', 'en', 1794083400000, 0, 47, 3, 2, 470, NULL, 'launch tag2', NULL, NULL, NULL, NULL, NULL, 'globex', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'scenario', 1796151746023);
INSERT INTO v2fix.posts VALUES ('x', 'p48', 'a3', 'h3', 'Name 48', 4800, NULL, 1, 'post 48 about the launch of the new phone', 'en', 1794096000000, 120, 48, 0, 0, 480, 'https://x.example/48', 'launch tag0', '@acme', NULL, 'p1', NULL, NULL, NULL, NULL, NULL, 'negative', 0, 0.2, 0.8, 'model', 'm1', NULL, 'scenario', 1796151746023);
INSERT INTO v2fix.posts VALUES ('reddit', 'p49', 'a4', 'h4', NULL, 4900, 'Lyon', 0, 'post 49 about the launch of the new phone', 'en', 1794108600000, 0, 49, 1, 1, 490, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'acme', NULL, NULL, 'neutral', 0.1, 0.2, 0.7, 'model', 'm1', NULL, 'scenario', 1796151746023);
INSERT INTO v2fix.posts VALUES ('x', 'p50', 'a5', 'h5', 'Name 50', 5000, 'Lyon', 0, 'post 50 about the launch of the new phone', 'fr', 1794121200000, 0, 50, 2, 2, 500, 'https://x.example/50', 'launch tag2', NULL, NULL, NULL, NULL, NULL, 'globex acme', 'fall', NULL, 'positive', 0.2, 0.2, 0.6, 'model', 'm1', '[{"Brand":"globex","Label":"negative","Polarity":-0.7}]', 'scenario', 1796151746023);
INSERT INTO v2fix.posts VALUES ('x', 'p51', 'a6', 'h6', NULL, 5100, NULL, 0, 'post 51 about the launch of the new phone', 'en', 1794133800000, 0, 51, 3, 0, 510, NULL, 'launch tag0', '@acme', NULL, NULL, NULL, NULL, 'initech', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'scenario', 1796151746023);
INSERT INTO v2fix.posts VALUES ('x', 'p52', 'a7', 'h7', 'Name 52', 5200, 'Lyon', 1, 'post 52 about the launch of the new phone', 'en', 1794146400000, 120, 52, 0, 1, 520, 'https://x.example/52', 'launch tag1', NULL, NULL, NULL, NULL, NULL, 'acme globex initech', NULL, NULL, 'neutral', 0.1, 0.2, 0.7, 'model', 'm1', NULL, 'scenario', 1796151746023);
INSERT INTO v2fix.posts VALUES ('x', 'p53', 'a8', 'h8', NULL, 5300, 'Lyon', 0, 'post 53 about the launch of the new phone', 'en', 1794159000000, 0, 53, 1, 2, 530, NULL, 'launch tag2', NULL, NULL, NULL, NULL, NULL, 'globex', NULL, NULL, 'positive', 0.2, 0.2, 0.6, 'model', 'm1', NULL, 'scenario', 1796151746023);
INSERT INTO v2fix.posts VALUES ('x', 'p54', 'a0', 'h0', 'Name 54', 5400, NULL, 0, 'post 54 about the launch of the new phone', 'en', 1794171600000, 0, 54, 2, 0, 540, 'https://x.example/54', NULL, '@acme', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'negative', 0, 0.2, 0.8, 'model', 'm1', NULL, 'scenario', 1796151746023);
INSERT INTO v2fix.posts VALUES ('x', 'p55', 'a1', 'h1', NULL, 5500, 'Lyon', 0, 'post 55 about the launch of the new phone', 'fr', 1794184200000, 0, 55, 3, 1, 550, NULL, 'launch tag1', NULL, NULL, NULL, NULL, NULL, 'acme', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'scenario', 1796151746023);
INSERT INTO v2fix.posts VALUES ('reddit', 'p56', 'a2', 'h2', 'Name 56', 5600, 'Lyon', 1, 'post 56 about the launch of the new phone', 'en', 1794196800000, 120, 56, 0, 2, 560, 'https://x.example/56', 'launch tag2', NULL, NULL, 'p1', NULL, NULL, 'globex acme', NULL, NULL, 'positive', 0.2, 0.2, 0.6, 'model', 'm1', '[{"Brand":"globex","Label":"negative","Polarity":-0.7}]', 'scenario', 1796151746023);
INSERT INTO v2fix.posts VALUES ('x', 'p57', 'a3', 'h3', NULL, 5700, NULL, 0, 'post 57 about the launch of the new phone', 'en', 1794209400000, 0, 57, 1, 0, 570, NULL, 'launch tag0', '@acme', NULL, NULL, NULL, NULL, 'initech', NULL, NULL, 'negative', 0, 0.2, 0.8, 'model', 'm1', NULL, 'scenario', 1796151746023);
INSERT INTO v2fix.posts VALUES ('x', 'p58', 'a4', 'h4', 'Name 58', 5800, 'Lyon', 0, 'post 58 about the launch of the new phone', 'en', 1794222000000, 0, 58, 2, 1, 580, 'https://x.example/58', 'launch tag1', NULL, NULL, NULL, NULL, NULL, 'acme globex initech', NULL, NULL, 'neutral', 0.1, 0.2, 0.7, 'model', 'm1', NULL, 'scenario', 1796151746023);
INSERT INTO v2fix.posts VALUES ('x', 'p59', 'a5', 'h5', NULL, 5900, 'Lyon', 0, 'post 59 about the launch of the new phone', 'en', 1794234600000, 0, 59, 3, 2, 590, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'globex', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'scenario', 1796151746023);
INSERT INTO v2fix.posts VALUES ('x', 'p10', 'a1', 'h1', 'Name 10', 1000, 'Lyon', 0, 'post 10 about the launch of the new phone', 'fr', 1793617200000, 0, 10, 2, 1, 100, 'https://x.example/10', 'launch tag1', NULL, NULL, NULL, NULL, NULL, 'globex', 'fall', NULL, 'neutral', 0.1, 0.2, 0.7, 'model', 'm1', NULL, 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('x', 'p11', 'a2', 'h2', NULL, 1100, 'Lyon', 0, 'post 11 about the launch of the new phone', 'en', 1793629800000, 0, 11, 3, 2, 110, NULL, 'launch tag2', NULL, NULL, NULL, NULL, NULL, 'globex', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('x', 'p12', 'a3', 'h3', 'Name 12', 1200, NULL, 1, 'post 12 about the launch of the new phone', 'en', 1793642400000, 120, 12, 0, 0, 120, 'https://x.example/12', 'launch tag0', '@acme', NULL, NULL, NULL, NULL, 'globex', NULL, NULL, 'negative', 0, 0.2, 0.8, 'model', 'm1', NULL, 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('x', 'p13', 'a4', 'h4', NULL, 1300, 'Lyon', 0, 'post 13 about the launch of the new phone', 'en', 1793655000000, 0, 13, 1, 1, 130, NULL, 'launch tag1', NULL, NULL, NULL, NULL, NULL, 'globex', NULL, NULL, 'neutral', 0.1, 0.2, 0.7, 'model', 'm1', NULL, 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('reddit', 'p14', 'a5', 'h5', 'Name 14', 1400, 'Lyon', 0, 'post 14 about the launch of the new phone', 'en', 1793667600000, 0, 14, 2, 2, 140, 'https://x.example/14', NULL, NULL, NULL, NULL, NULL, NULL, 'globex', NULL, NULL, 'positive', 0.2, 0.2, 0.6, 'model', 'm1', '[{"Brand":"globex","Label":"negative","Polarity":-0.7}]', 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('x', 'p31', 'a4', 'h4', NULL, 3100, 'Lyon', 0, 'post 31 about the launch of the new phone', 'en', 1793881800000, 0, 31, 3, 1, 310, NULL, 'launch tag1', NULL, NULL, NULL, NULL, NULL, 'acme', NULL, NULL, 'negative', 0.8, 0.15, 0.05, 'llm', 'm2', NULL, 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('x', 'p32', 'a5', 'h5', 'Name 32', 3200, 'Lyon', 1, 'post 32 about the launch of the new phone', 'en', 1793894400000, 120, 32, 0, 2, 320, 'https://x.example/32', 'launch tag2', NULL, NULL, 'p1', NULL, NULL, 'globex acme', NULL, NULL, 'negative', 0.8, 0.15, 0.05, 'llm', 'm2', '[{"Brand":"globex","Label":"negative","Polarity":-0.7}]', 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('x', 'p33', 'a6', 'h6', NULL, 3300, NULL, 0, 'post 33 about the launch of the new phone', 'en', 1793907000000, 0, 33, 1, 0, 330, NULL, 'launch tag0', '@acme', NULL, NULL, NULL, NULL, 'initech', NULL, NULL, 'negative', 0.8, 0.15, 0.05, 'llm', 'm2', NULL, 'scenario', 1796151745930);
INSERT INTO v2fix.posts VALUES ('x', 'p34', 'a7', 'h7', 'Name 34', 3400, 'Lyon', 0, 'post 34 about the launch of the new phone', 'en', 1793919600000, 0, 34, 2, 1, 340, 'https://x.example/34', NULL, NULL, NULL, NULL, NULL, NULL, 'acme globex initech', NULL, NULL, 'negative', 0.8, 0.15, 0.05, 'llm', 'm2', NULL, 'scenario', 1796151745930);


--
-- Data for Name: rejects; Type: TABLE DATA; Schema: v2fix; Owner: -
--

INSERT INTO v2fix.rejects VALUES (1, 'bad_json', 'Unexpected end', 'f.jsonl:3', '{"id":', 1793491200000);
INSERT INTO v2fix.rejects VALUES (2, 'no_text', 'text is empty', 'f.jsonl:9', NULL, 1793494800000);


--
-- Data for Name: schema_version; Type: TABLE DATA; Schema: v2fix; Owner: -
--

INSERT INTO v2fix.schema_version VALUES (1, 'posts, brands, authors, rejects, artifacts', 1796151745864);
INSERT INTO v2fix.schema_version VALUES (2, 'reject reason index', 1796151745907);


--
-- Name: rejects_id_seq; Type: SEQUENCE SET; Schema: v2fix; Owner: -
--

SELECT pg_catalog.setval('v2fix.rejects_id_seq', 2, true);


--
-- Name: artifacts artifacts_pkey; Type: CONSTRAINT; Schema: v2fix; Owner: -
--

ALTER TABLE ONLY v2fix.artifacts
    ADD CONSTRAINT artifacts_pkey PRIMARY KEY (kind, key);


--
-- Name: authors authors_pkey; Type: CONSTRAINT; Schema: v2fix; Owner: -
--

ALTER TABLE ONLY v2fix.authors
    ADD CONSTRAINT authors_pkey PRIMARY KEY (platform, author_id);


--
-- Name: post_brands post_brands_pkey; Type: CONSTRAINT; Schema: v2fix; Owner: -
--

ALTER TABLE ONLY v2fix.post_brands
    ADD CONSTRAINT post_brands_pkey PRIMARY KEY (brand, platform, post_id);


--
-- Name: posts posts_pkey; Type: CONSTRAINT; Schema: v2fix; Owner: -
--

ALTER TABLE ONLY v2fix.posts
    ADD CONSTRAINT posts_pkey PRIMARY KEY (platform, post_id);


--
-- Name: rejects rejects_pkey; Type: CONSTRAINT; Schema: v2fix; Owner: -
--

ALTER TABLE ONLY v2fix.rejects
    ADD CONSTRAINT rejects_pkey PRIMARY KEY (id);


--
-- Name: schema_version schema_version_pkey; Type: CONSTRAINT; Schema: v2fix; Owner: -
--

ALTER TABLE ONLY v2fix.schema_version
    ADD CONSTRAINT schema_version_pkey PRIMARY KEY (version);


--
-- Name: ix_post_brands_time; Type: INDEX; Schema: v2fix; Owner: -
--

CREATE INDEX ix_post_brands_time ON v2fix.post_brands USING btree (created_ms, brand, sentiment, engagement);


--
-- Name: ix_posts_created; Type: INDEX; Schema: v2fix; Owner: -
--

CREATE INDEX ix_posts_created ON v2fix.posts USING btree (created_ms);


--
-- Name: ix_rejects_reason; Type: INDEX; Schema: v2fix; Owner: -
--

CREATE INDEX ix_rejects_reason ON v2fix.rejects USING btree (reason);


--
-- PostgreSQL database dump complete
--


