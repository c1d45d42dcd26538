import cv2
import jwt
import yaml
from bs4 import BeautifulSoup
from dateutil import parser as dateparser
from dotenv import load_dotenv
from PIL import Image

from .utils import helper
